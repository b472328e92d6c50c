package lazy;

/** Built in two steps with a pause between: a half-initialized view would not add up. */
final class Shared {
  private static final int[] PARTS;
  private static long total;

  static {
    Meeting.SHARED_RUNS.incrementAndGet();
    PARTS = new int[1000];
    for (int i = 0; i < PARTS.length; i++) {
      PARTS[i] = i;
    }
    try {
      Thread.sleep(150);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    total = 499_500;
  }

  private Shared() {}

  static boolean consistent() {
    long sum = 0;
    for (int part : PARTS) {
      sum += part;
    }
    return sum == total && total == 499_500;
  }
}
