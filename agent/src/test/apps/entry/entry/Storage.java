package entry;

import testapp.Log;

/** Existing code: a static entry point the application calls itself. */
public final class Storage {
  private Storage() {}

  public static void mount() {
    Log.add("mount");
  }
}
