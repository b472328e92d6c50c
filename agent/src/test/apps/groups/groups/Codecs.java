package groups;

import java.util.List;

/** A class whose static initializer a config may declare as an initcall (and disable). */
public final class Codecs {
  private static final List<String> NAMES;

  static {
    System.out.println("codecs static initializer on " + Thread.currentThread().getName());
    NAMES = List.of("h264", "vp9");
  }

  private Codecs() {}

  static List<String> names() {
    return NAMES;
  }
}
