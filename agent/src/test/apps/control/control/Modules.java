package control;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.initcall4j.Initcall;
import org.initcall4j.Level;
import testapp.RunCounts;

/** storage at boot; usb, gallery (after usb), network and printer (fails) deferred. Counts runs. */
final class Modules {
  /** With -Dcontrol.usb.gate=true, usb waits here until "open gate" (a test meets it there). */
  static final CountDownLatch GATE = new CountDownLatch(1);

  private Modules() {}

  static void ran(String name) {
    RunCounts.ran(name);
  }

  static String counts() {
    return RunCounts.counts();
  }

  @Initcall(name = "storage", level = Level.FS)
  static void storage() {
    ran("storage");
  }

  @Initcall(name = "usb", after = "storage", deferred = true)
  static void usb() throws InterruptedException {
    if (Boolean.getBoolean("control.usb.gate")) {
      System.out.println("usb at the gate on " + Thread.currentThread().getName());
      if (!GATE.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("usb's gate was not opened within 60 s");
      }
    } else {
      Thread.sleep(150); // work that takes a while: a trigger arriving meanwhile waits for it
    }
    ran("usb");
  }

  @Initcall(name = "gallery", after = "usb", level = Level.LATE, deferred = true)
  static void gallery() {
    ran("gallery");
  }

  @Initcall(name = "printer", level = Level.LATE, deferred = true)
  static void printer() {
    ran("printer");
    throw new IllegalStateException("out of paper");
  }

  @Initcall(name = "network", deferred = true)
  static void network() {
    ran("network");
  }
}
