package advise;

import java.util.List;

/** Slow, and other classes read its public static field: the config check refuses it. */
public final class Catalog {
  public static final List<String> ITEMS;

  static {
    Slow.sleep(60);
    ITEMS = List.of("a", "b");
  }

  private Catalog() {}
}
