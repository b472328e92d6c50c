package rewrite;

/** What the rewritten class did, for the test to read. */
public final class Log {
  public static final StringBuffer EVENTS = new StringBuffer();

  private Log() {}

  public static void add(String event) {
    EVENTS.append(event).append(';');
  }
}
