package entry;

import org.initcall4j.Initcalls;
import testapp.Log;

/** Calls its entry points as it always did; arguments say when to flush. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Log.add("main");
    Storage.mount();
    Usb usb = new Usb("bus1");
    usb.connect("port-a", 9600);
    usb.connect("port-b", 115200);
    Gallery.index(1L << 40, 0.5, 'g', true, new byte[3]);
    Log.add("before-flush");
    for (String arg : args) {
      switch (arg) {
        case "flush" -> Initcalls.flush();
        case "require-gallery" -> Initcalls.require("gallery");
        default -> throw new IllegalArgumentException(arg);
      }
    }
    usb.connect("port-c", 1);
    Log.add("end");
    System.out.println("log: " + Log.all());
  }
}
