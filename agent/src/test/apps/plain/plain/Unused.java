package plain;

/** Never reached: a config may defer it, and then nothing is ever rewritten or run. */
public final class Unused {
  private Unused() {}

  public static void start() {
    System.out.println("unused started");
  }
}
