package org.initcall4j.agent.profile;

/**
 * What the advisor needs to know about a method that could be a deferred entry point ({@code
 * void}, no parameters) and whose first call was slow.
 *
 * @param className the method's class, dotted
 * @param methodName the method
 * @param calls how often it was called (exactly up to 2; at least that beyond)
 * @param thread the thread of its first call
 * @param sinceReadyNanos when its first call started, relative to ready (negative: before), or
 *     {@link Finding#NO_READY} when ready was never seen
 * @param firstCallNanos how long its first call took, everything it called included
 * @param trigger {@code Class.method} that made the first call, or null
 * @param verdict {@link Finding#DEFERRABLE}, or why the config check refuses an entry point
 *     {@code deferred=true} for it
 */
public record CallFinding(String className, String methodName, int calls, String thread,
    long sinceReadyNanos, long firstCallNanos, String trigger, String verdict) {

  /** As a config entry names it: {@code com.acme.Cache#preload()}. */
  public String target() {
    return className + "#" + methodName + "()";
  }

  /** Whether its first call started after ready. */
  public boolean afterReady() {
    return sinceReadyNanos != Finding.NO_READY && sinceReadyNanos >= 0;
  }

  /** Whether the config check accepts deferring it. */
  public boolean deferrable() {
    return verdict.equals(Finding.DEFERRABLE);
  }

  /**
   * Whether {@code other}'s first call was made inside this one's, on its thread: it started
   * while this one ran (at the same time, as the file's microseconds tell, only if shorter).
   */
  public boolean contains(CallFinding other) {
    return other != this && thread.equals(other.thread)
        && sinceReadyNanos != Finding.NO_READY && other.sinceReadyNanos != Finding.NO_READY
        && other.sinceReadyNanos < sinceReadyNanos + firstCallNanos
        && (other.sinceReadyNanos > sinceReadyNanos || other.sinceReadyNanos == sinceReadyNanos
            && other.firstCallNanos < firstCallNanos);
  }
}
