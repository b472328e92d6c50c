package advise;

/** Work of a known length inside a static initializer. */
final class Slow {
  private Slow() {}

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
