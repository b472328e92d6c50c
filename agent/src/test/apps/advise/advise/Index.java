package advise;

/**
 * Built once before ready and first searched well after it: {@link #build} is an entry point
 * whose call can be parked until ready (its receiver with it), and nothing shows the difference.
 */
final class Index {
  static final Index SHARED = new Index();

  private volatile boolean built;

  void build() {
    Slow.sleep(300);
    built = true;
  }

  boolean built() {
    return built;
  }
}
