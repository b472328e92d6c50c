package fields;

import java.util.Map;
import testapp.Log;

/** Public static fields other classes read and write directly. */
public final class Prices {
  public static final Map<String, Integer> TABLE;
  public static int hits;

  static {
    Log.add("prices-init");
    TABLE = Map.of("tea", 3, "cake", 5);
    hits = 1;
  }

  private Prices() {}
}
