package com.example.shop;

import org.initcall4j.Initcalls;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the shop answers; the same with and without the agent. */
@RestController
class ShopController {
  private final ApplicationContext context;

  ShopController(ApplicationContext context) {
    this.context = context;
  }

  @GetMapping("/catalog")
  String catalog() {
    return String.join(",", Catalog.items());
  }

  @GetMapping("/hello")
  String hello() {
    return "hello from the shop";
  }

  /** The application's own flush of its deferred work. */
  @GetMapping("/flush")
  String flush() {
    return "flushed " + Initcalls.flush() + ", warmup ran " + Warmup.runs() + " time(s)";
  }

  /** Closes the shop and ends the JVM normally, once this answer is sent. */
  @GetMapping("/stop")
  String stop() {
    Thread stopper = new Thread(() -> System.exit(SpringApplication.exit(context)), "stopper");
    stopper.start();
    return "stopping";
  }
}
