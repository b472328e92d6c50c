package org.initcall4j.agent.control;

import org.initcall4j.agent.text.Durations;

/**
 * When deferred initcalls run without an explicit trigger ({@code flush=...}): never
 * ({@code manual}), a fixed time after boot ({@code 5s}), or when the application calls
 * {@code Initcalls.ready()} ({@code ready}).
 */
public record FlushPolicy(Kind kind, long delayMillis) {

  /** The three policies. */
  public enum Kind { MANUAL, DELAY, READY }

  public static final FlushPolicy MANUAL = new FlushPolicy(Kind.MANUAL, 0);

  public static final FlushPolicy READY = new FlushPolicy(Kind.READY, 0);

  /** A flush that long after boot ends. */
  public static FlushPolicy after(long delayMillis) {
    return new FlushPolicy(Kind.DELAY, delayMillis);
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
