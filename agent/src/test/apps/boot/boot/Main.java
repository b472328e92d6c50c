package boot;

import org.initcall4j.Initcalls;

/** Prints what ran before main, then does what its arguments say. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("main: before=[" + Modules.LOG.toString().trim() + "] active="
        + Initcalls.isActive());
    for (String arg : args) {
      switch (arg) {
        case "flush" -> System.out.println("flush ran " + Initcalls.flush());
        case "require-gallery" -> {
          Initcalls.require("gallery");
          System.out.println("required gallery");
        }
        case "flush-usb" -> System.out.println("flush usb ran " + Initcalls.flush("usb"));
        case "flush-unknown" -> {
          try {
            Initcalls.flush("nope");
          } catch (IllegalArgumentException e) {
            System.out.println("error: " + e.getMessage());
          }
        }
        default -> throw new IllegalArgumentException(arg);
      }
    }
    System.out.println("main: after=[" + Modules.LOG.toString().trim() + "]");
  }
}
