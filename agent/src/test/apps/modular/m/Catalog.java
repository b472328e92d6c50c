package m;

import java.util.List;

/** A class whose static initializer the config defers to its first real use. */
final class Catalog {
  private static final List<String> ITEMS;

  static {
    System.out.println("catalog static init");
    ITEMS = List.of("lens", "sensor");
  }

  private Catalog() {}

  static int size() {
    return ITEMS.size();
  }
}
