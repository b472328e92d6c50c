package plain;

/** A slow static initializer, for profile mode to find. */
final class Settings {
  static final String VALUE;

  static {
    try {
      Thread.sleep(80);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    VALUE = "loaded";
  }

  private Settings() {}
}
