package m;

/** A slow static initializer, for profile mode to name. */
final class Slow {
  static {
    try {
      Thread.sleep(200); // the work being measured
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Slow() {}

  static int value() {
    return 42;
  }
}
