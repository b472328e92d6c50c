package lifecycle;

/** Existing code: a deferred entry point (config) whose calls the application believes it made. */
public final class Audit {
  private Audit() {}

  public static void log(String line) throws InterruptedException {
    if (line.startsWith("slow")) {
      Thread.sleep(Long.getLong("audit.slow.millis", 0)); // work that takes time
    }
    System.out.println("audit " + line);
  }
}
