package advise;

/** Slow and deferrable; initialized by the scan before ready, first used after it. */
final class Report {
  private static final String SUMMARY;

  static {
    Slow.sleep(1000);
    SUMMARY = "ok";
  }

  private Report() {}

  static String summary() {
    return SUMMARY;
  }
}
