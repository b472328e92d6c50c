package launched;

import org.initcall4j.Initcall;
import org.initcall4j.Initcalls;
import org.initcall4j.Level;

/** An application started by a launcher, on the launcher's class loader. */
public final class Main {
  static volatile String clock = "not set";

  private Main() {}

  @Initcall(name = "clock", level = Level.CORE)
  private static void clock() {
    clock = "set";
    System.out.println("clock initcall on loader " + Main.class.getClassLoader().getName());
  }

  @Initcall(name = "usb", after = "clock", deferred = true)
  static void usb() {
    System.out.println("usb initcall ran");
  }

  /** A method a config makes a boot initcall: the agent calls it, the application's call returns. */
  static void greet() {
    System.out.println("greet ran");
  }

  public static void main(String[] args) {
    System.out.println("main starts: clock " + clock);
    greet();
    if (args.length > 0 && args[0].equals("catalog")) {
      System.out.println("catalog has " + Catalog.size() + " items");
    }
    System.out.println("flush ran " + Initcalls.flush());
  }
}
