package control;

import java.util.Map;
import java.util.TreeMap;
import org.initcall4j.Initcall;
import org.initcall4j.Level;

/** storage at boot; usb, gallery (after usb), network and printer (fails) deferred. Counts runs. */
final class Modules {
  static final Map<String, Integer> RUNS = new TreeMap<>();

  private Modules() {}

  static void ran(String name) {
    int count;
    synchronized (RUNS) {
      count = RUNS.merge(name, 1, Integer::sum);
    }
    System.out.println("init " + name + " #" + count);
  }

  static String counts() {
    synchronized (RUNS) {
      return RUNS.toString();
    }
  }

  @Initcall(name = "storage", level = Level.FS)
  static void storage() {
    ran("storage");
  }

  @Initcall(name = "usb", after = "storage", deferred = true)
  static void usb() throws InterruptedException {
    // slow enough for triggers to overlap; longer when a test races several
    Thread.sleep(Long.getLong("control.usb.millis", 150));
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
