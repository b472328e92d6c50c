package org.initcall4j.agent.runtime;

/**
 * How the runtime schedules initcalls and watches them.
 *
 * @param allAsync every initcall may run on the pool, not only those marked async
 * @param threads pool size, at least 1
 * @param timeoutMillis report an initcall running longer than this; 0 means never
 * @param skipOnTimeout give up on an initcall past its timeout (needs a timeout)
 * @param stallMillis report a thread that has waited this long for an initcall
 */
public record RuntimeSettings(boolean allAsync, int threads, long timeoutMillis,
    boolean skipOnTimeout, long stallMillis) {

  /** A wait this long is reported even without {@code timeout}: a hang is never silent. */
  public static final long DEFAULT_STALL_MILLIS = 10_000;

  public RuntimeSettings {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    if (skipOnTimeout && timeoutMillis <= 0) {
      // the options never get here: AgentOptions.parse refuses timeout.skip without timeout
      throw new IllegalArgumentException("skipOnTimeout needs a timeout, not " + timeoutMillis);
    }
  }

  /** Sequential, no timeout: the behaviour without any option. */
  public static RuntimeSettings defaults() {
    return new RuntimeSettings(false, Runtime.getRuntime().availableProcessors(), 0, false,
        DEFAULT_STALL_MILLIS);
  }

  /** Whether the record runs on a pool thread rather than the thread that boots or flushes. */
  boolean onPool(InitcallRecord record) {
    return !record.spec().mainThread() && (allAsync || record.spec().async());
  }

  /**
   * Whether an initcall that is not async still leaves the booting thread, so that the booting
   * thread can give up on it when it times out.
   */
  boolean offBootingThread(InitcallRecord record) {
    return skipOnTimeout && !record.spec().mainThread();
  }
}
