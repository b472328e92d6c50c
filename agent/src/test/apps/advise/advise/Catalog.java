package advise;

import java.util.List;

/**
 * Slow, and other classes read its public static field: deferrable, with the agent guarding those
 * reads. Initialized by the scan before ready, first read after it.
 */
public final class Catalog {
  public static final List<String> ITEMS;

  static {
    Slow.sleep(60);
    ITEMS = List.of("a", "b");
  }

  private Catalog() {}
}
