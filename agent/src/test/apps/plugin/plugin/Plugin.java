package plugin;

import org.initcall4j.Initcall;

/** Lives in its own jar and hooks into the boot app's initcalls by name. */
final class Plugin {
  private Plugin() {}

  @Initcall(name = "plugin", after = "storage", before = "camera")
  static void init() {
    System.out.println("init plugin");
  }

  @Initcall(name = "plugin-usb", after = "usb", deferred = true)
  static void usb() {
    System.out.println("init plugin-usb");
  }
}
