package advise;

import java.util.ArrayList;
import java.util.List;

/** Where plugins register themselves. */
final class Registry {
  private static final List<String> NAMES = new ArrayList<>();

  private Registry() {}

  static synchronized void add(String name) {
    NAMES.add(name);
  }

  static synchronized List<String> names() {
    return List.copyOf(NAMES);
  }
}
