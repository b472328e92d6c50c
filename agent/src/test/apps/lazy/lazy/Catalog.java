package lazy;

import java.util.Map;
import testapp.Log;

/** A slow static initializer, final fields included, that a plugin scan touches at boot. */
public final class Catalog {
  private static final Map<String, String> ENTRIES;
  private static final String UNIT = "items";
  private static int lookups;

  static {
    Log.add("catalog-init on " + Thread.currentThread().getName());
    ENTRIES = Map.of("a", "alpha", "b", "beta");
  }

  private final String owner;

  public Catalog(String owner) {
    this.owner = owner;
  }

  public static String lookup(String key) {
    lookups++;
    return ENTRIES.get(key) + " (" + lookups + " " + UNIT + ")";
  }

  public String describe() {
    return owner + ":" + ENTRIES.size();
  }
}
