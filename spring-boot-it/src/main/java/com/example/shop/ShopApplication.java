package com.example.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A web shop: its clock must be set before anything else, its cache warmed up later. */
@SpringBootApplication
public class ShopApplication {
  public static void main(String[] args) {
    // what the boot initcall did, as the application's own code sees it at its first line
    System.out.println("main starts: clock " + (Clock.isSet() ? "set" : "not set"));
    SpringApplication.run(ShopApplication.class, args);
  }
}
