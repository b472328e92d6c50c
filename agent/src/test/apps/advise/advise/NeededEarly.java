package advise;

/** Slow and deferrable, but the application uses it before it is ready. */
final class NeededEarly {
  private static final String VALUE;

  static {
    Slow.sleep(120);
    VALUE = "needed";
  }

  private NeededEarly() {}

  static String value() {
    return VALUE;
  }
}
