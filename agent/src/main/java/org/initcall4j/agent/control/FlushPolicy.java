package org.initcall4j.agent.control;

import org.initcall4j.agent.Durations;

/**
 * When deferred initcalls run without an explicit trigger ({@code flush=...}): never
 * ({@code manual}), a fixed time after boot ({@code 5s}), or when the application calls
 * {@code Initcalls.ready()} ({@code ready}).
 */
public record FlushPolicy(Kind kind, long delayMillis) {

  /** The three policies. */
  public enum Kind { MANUAL, DELAY, READY }

  public static final FlushPolicy MANUAL = new FlushPolicy(Kind.MANUAL, 0);

  /**
   * Parses the value of {@code flush=}; null means the default, manual.
   *
   * @throws IllegalArgumentException naming the bad value and the accepted ones
   */
  public static FlushPolicy parse(String value) {
    if (value == null || value.equals("manual")) {
      return MANUAL;
    }
    if (value.equals("ready")) {
      return new FlushPolicy(Kind.READY, 0);
    }
    if (!value.isEmpty() && Character.isDigit(value.charAt(0))) {
      return new FlushPolicy(Kind.DELAY, Durations.parseMillis(value, "option 'flush'"));
    }
    throw new IllegalArgumentException("option 'flush' has a bad value '" + value
        + "': write flush=manual (the default), flush=ready (when the application calls"
        + " Initcalls.ready()) or a delay after boot such as flush=5s or flush=500ms");
  }

  @Override
  public String toString() {
    return switch (kind) {
      case MANUAL -> "manual";
      case READY -> "ready";
      case DELAY -> Durations.format(delayMillis); // as the user writes it: 5s, not 5000ms
    };
  }
}
