package boot;

import org.initcall4j.Initcall;
import org.initcall4j.Level;

/** A small boot graph: storage at FS, camera at DEVICE, usb deferred after storage. */
final class Modules {
  static final StringBuffer LOG = new StringBuffer();

  private Modules() {}

  static void log(String what) {
    LOG.append(what).append(' ');
    System.out.println("init " + what);
  }

  @Initcall(name = "storage", level = Level.FS)
  static void storage() {
    log("storage");
  }

  @Initcall(name = "clock", level = Level.CORE)
  static void clock() {
    log("clock");
  }

  @Initcall(name = "sensor", before = "camera")
  static void sensor() {
    log("sensor");
  }

  @Initcall(name = "camera", after = {"storage", "clock"})
  static void camera() {
    log("camera");
  }

  @Initcall(name = "usb", after = "storage", deferred = true)
  private static void usb() {
    log("usb");
  }

  @Initcall(name = "usb-storage", partOf = "usb", deferred = true)
  static void usbStorage() {
    log("usb-storage");
  }

  @Initcall(name = "gallery", after = "usb", level = Level.LATE, deferred = true)
  static void gallery() {
    log("gallery");
  }
}
