package org.initcall4j.agent.text;

/** Durations as users write them in options: {@code 250ms}, {@code 5s}, {@code 2m}. */
public final class Durations {
  /** Longer than any sensible wait, and far from overflowing nanoseconds. */
  private static final long MAX_MILLIS = 24L * 60 * 60 * 1000;

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @param what the option or key it belongs to, named in the error
   * @return the duration in milliseconds, at least 1
   * @throws IllegalArgumentException naming {@code what} and the accepted forms
   */
  public static long parseMillis(String text, String what) {
    String value = text == null ? "" : text.strip();
    long unit;
    String digits;
    if (value.endsWith("ms")) {
      unit = 1;
      digits = value.substring(0, value.length() - 2);
    } else if (value.endsWith("s")) {
      unit = 1000;
      digits = value.substring(0, value.length() - 1);
    } else if (value.endsWith("m")) {
      unit = 60_000;
      digits = value.substring(0, value.length() - 1);
    } else {
      throw bad(text, what, "a unit is missing");
    }
    if (!isWholeNumber(digits, 9)) {
      throw bad(text, what, "the amount must be a whole number");
    }
    long millis = Long.parseLong(digits) * unit;
    if (millis < 1 || millis > MAX_MILLIS) {
      throw bad(text, what, "it must be between 1ms and 24 hours");
    }
    return millis;
  }

  /** Only ASCII digits, 1 to {@code maxDigits} of them. */
  public static boolean isWholeNumber(String text, int maxDigits) {
    if (text.isEmpty() || text.length() > maxDigits) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code 250ms}, {@code 5s} or {@code 2m}: the shortest exact form. */
  public static String format(long millis) {
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static IllegalArgumentException bad(String text, String what, String why) {
    return new IllegalArgumentException("bad duration '" + text + "' for " + what + ": " + why
        + "; write it like 250ms, 5s or 2m");
  }
}
