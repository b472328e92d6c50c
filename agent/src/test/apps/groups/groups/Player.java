package groups;

/** An entry point a config declares as an initcall after Codecs. */
public final class Player {
  private Player() {}

  public static void start() {
    Modules.ran("player");
  }
}
