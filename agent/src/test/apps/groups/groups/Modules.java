package groups;

import org.initcall4j.Initcall;
import org.initcall4j.Level;
import testapp.RunCounts;

/**
 * storage at boot; the group 'connectivity' (usb, thumbnails, and the subsystem radio with its
 * part radio.wifi), all deferred; crypto deferred alone; gallery deferred after the group.
 * Counts runs ({@link RunCounts}).
 */
final class Modules {

  private Modules() {}

  @Initcall(name = "storage", level = Level.FS)
  static void storage() {
    RunCounts.ran("storage");
  }

  @Initcall(name = "usb", partOf = "connectivity", after = "storage", deferred = true)
  static void usb() {
    RunCounts.ran("usb");
  }

  @Initcall(name = "thumbnails", partOf = "connectivity", deferred = true)
  static void thumbnails() {
    RunCounts.ran("thumbnails");
  }

  @Initcall(name = "radio", partOf = "connectivity", deferred = true)
  static void radio() {
    RunCounts.ran("radio");
  }

  @Initcall(name = "radio.wifi", partOf = "radio", deferred = true)
  static void wifi() {
    RunCounts.ran("radio.wifi");
  }

  @Initcall(name = "crypto", deferred = true)
  static void crypto() {
    RunCounts.ran("crypto");
  }

  @Initcall(name = "gallery", level = Level.LATE, after = "connectivity", deferred = true)
  static void gallery() {
    RunCounts.ran("gallery");
  }
}
