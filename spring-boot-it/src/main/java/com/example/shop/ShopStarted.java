package com.example.shop;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** One line a test can wait for, with the port the server took. */
@Component
class ShopStarted {
  private volatile int port;

  @EventListener
  void serverUp(WebServerInitializedEvent event) {
    port = event.getWebServer().getPort();
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    System.out.println("shop ready on port " + port);
  }
}
