package groups;

import org.initcall4j.Initcall;
import org.initcall4j.Level;
import testapp.RunCounts;

/**
 * storage at boot; the group 'connectivity' (usb, thumbnails, and the subsystem radio with its
 * part radio.wifi), all deferred; crypto deferred alone; gallery deferred after the group.
 * Counts runs.
 */
final class Modules {

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

  @Initcall(name = "usb", partOf = "connectivity", after = "storage", deferred = true)
  static void usb() {
    ran("usb");
  }

  @Initcall(name = "thumbnails", partOf = "connectivity", deferred = true)
  static void thumbnails() {
    ran("thumbnails");
  }

  @Initcall(name = "radio", partOf = "connectivity", deferred = true)
  static void radio() {
    ran("radio");
  }

  @Initcall(name = "radio.wifi", partOf = "radio", deferred = true)
  static void wifi() {
    ran("radio.wifi");
  }

  @Initcall(name = "crypto", deferred = true)
  static void crypto() {
    ran("crypto");
  }

  @Initcall(name = "gallery", level = Level.LATE, after = "connectivity", deferred = true)
  static void gallery() {
    ran("gallery");
  }
}
