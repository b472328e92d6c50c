package entry;

import testapp.Log;

/** Existing code: a static entry point with primitive arguments of every width. */
public final class Gallery {
  private Gallery() {}

  public static void index(long since, double scale, char tag, boolean full, byte[] data) {
    Log.add("index " + since + " " + scale + " " + tag + " " + full + " " + data.length);
  }

  /** Not void: cannot be deferred (the config tests use it). */
  public static int count() {
    return 0;
  }
}
