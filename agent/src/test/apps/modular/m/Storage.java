package m;

/** A config entry point the agent runs at boot; the application calls it too. */
final class Storage {
  private Storage() {}

  static void mount() {
    System.out.println("storage mount");
  }
}
