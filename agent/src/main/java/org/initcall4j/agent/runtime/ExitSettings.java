package org.initcall4j.agent.runtime;

import org.initcall4j.agent.text.Durations;

/**
 * What the exit work does, from options {@code exit.wait}, {@code exit.parked} and
 * {@code debug}.
 *
 * @param waitMillis how long the exit hook waits, in all, for a flush in progress and the replay
 *     of parked calls
 * @param replayParked true to replay parked calls at exit (the default), false to drop them
 * @param debug list the deferred initcalls that never ran
 */
public record ExitSettings(long waitMillis, boolean replayParked, boolean debug) {
  /** Without option {@code exit.wait}: well inside the 10 s a container stop usually allows. */
  public static final long DEFAULT_WAIT_MILLIS = 5_000;

  /** How the bound is written in messages: {@code exit.wait=5s}. */
  String waitOption() {
    return "exit.wait=" + Durations.format(waitMillis);
  }
}
