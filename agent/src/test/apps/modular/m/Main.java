package m;

import org.initcall4j.Initcall;
import org.initcall4j.Initcalls;
import org.initcall4j.Level;

/** Initcalls of a named module: private and package-private, in a package it does not open. */
public final class Main {
  private Main() {}

  @Initcall(name = "clock", level = Level.CORE)
  private static void clock() {
    System.out.println("initcall clock");
  }

  @Initcall(name = "storage", level = Level.FS, after = "clock")
  static void storage() {
    System.out.println("initcall storage");
  }

  @Initcall(name = "usb", after = "storage", deferred = true)
  static void usb() {
    System.out.println("initcall usb");
  }

  public static void main(String[] args) throws Exception {
    Module module = Main.class.getModule();
    System.out.println("main in module " + module.getName());
    switch (args.length == 0 ? "" : args[0]) {
      case "config" -> config();
      case "profile" -> System.out.println("slow " + Slow.value());
      default -> {
        Initcalls.flush();
        System.out.println("flushed");
      }
    }
    // what the agent opened, it opened to the class path only, not to every module
    System.out.println("m open to all: " + module.isOpen("m"));
  }

  /** Run with the config that defers Usb.connect and Catalog, and hooks Storage.mount. */
  private static void config() throws Exception {
    Storage.mount(); // the agent ran it at boot: this call returns at once
    Usb.connect("port-a"); // parked until the flush
    System.out.println("connect returned");
    Class.forName("m.Catalog", true, Main.class.getClassLoader());
    System.out.println("catalog class initialized");
    System.out.println("catalog size " + Catalog.size()); // the first real use runs its static init
    Initcalls.flush();
    System.out.println("flushed");
  }
}
