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

  /** A list that took {@code millis} to make. */
  static java.util.List<String> names(long millis) {
    sleep(millis);
    return java.util.List.of("default");
  }
}
