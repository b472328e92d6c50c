package org.initcall4j.agent.profile;

/**
 * What the advisor needs to know about one timed static initializer.
 *
 * @param className the class, dotted
 * @param thread the thread that ran it
 * @param sinceReadyNanos when it started, relative to ready (negative: before), or
 *     {@link #NO_READY} when ready was never seen
 * @param exclusiveNanos its own time
 * @param inclusiveNanos with the static initializers it triggered
 * @param failed whether it threw
 * @param trigger {@code Class.method} that caused it, or null (taken for slow ones only)
 * @param verdict {@link #DEFERRABLE}, {@link #NOT_CHECKED} (faster than the threshold), or the
 *     config check's reason for refusing it
 */
public record Finding(String className, String thread, long sinceReadyNanos, long exclusiveNanos,
    long inclusiveNanos, boolean failed, String trigger, String verdict) {
  public static final long NO_READY = Long.MIN_VALUE;
  public static final String DEFERRABLE = "deferrable";
  public static final String NOT_CHECKED = "-";

  /** Whether it started after ready. */
  public boolean afterReady() {
    return sinceReadyNanos != NO_READY && sinceReadyNanos >= 0;
  }

  /** Whether the config check accepts deferring it. */
  public boolean deferrable() {
    return verdict.equals(DEFERRABLE);
  }

  /** Whether the config check was asked (it was slow enough). */
  public boolean checked() {
    return !verdict.equals(NOT_CHECKED);
  }
}
