package advise;

/**
 * Slow and deferrable by the config check's rules, but its static initializer registers it: a
 * deferred Plugin is never registered, as only the scan's Class.forName reaches it.
 */
final class Plugin {
  static {
    Slow.sleep(50);
    Registry.add("plugin");
  }

  private Plugin() {}
}
