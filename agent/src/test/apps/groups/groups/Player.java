package groups;

import testapp.RunCounts;

/** An entry point a config declares as an initcall after Codecs. */
public final class Player {
  private Player() {}

  public static void start() {
    RunCounts.ran("player");
  }
}
