package launched;

/** A slow static initializer a config defers. */
final class Catalog {
  private static final int SIZE;

  static {
    System.out.println("catalog static initializer on " + Thread.currentThread().getName());
    SIZE = 3;
  }

  private Catalog() {}

  static int size() {
    return SIZE;
  }
}
