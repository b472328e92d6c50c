package rewrite;

/**
 * Bytecode shapes the rewriter must keep valid: a deferred static initializer with final fields,
 * an entry point whose first instruction is a branch target (a frame at offset 0), wide and
 * array parameters, an instance receiver, synchronized methods (hooked outside their monitor) and
 * an annotation that must stay on the method's name.
 */
public class Target {
  private static final long[] TABLE;
  private static final String NAME = "target";

  static {
    Log.add("clinit");
    TABLE = new long[] {1, 2, 3};
  }

  private final String id;

  public Target(String id) {
    this.id = id;
  }

  @Deprecated
  public synchronized void spin(long times, double factor, int[] out) {
    do {
      out[0] += (int) (factor * TABLE[(int) (times % 3)]);
      times--;
    } while (times > 0);
    Log.add("spin " + id + " " + out[0]);
  }

  public static synchronized long sum() {
    long sum = 0;
    for (long value : TABLE) {
      sum += value;
    }
    return sum + NAME.length();
  }
}
