package org.initcall4j.agent.runtime;

import org.initcall4j.agent.AgentOptions;
import org.initcall4j.agent.Durations;

/**
 * What the exit work does, from options {@code exit.wait}, {@code exit.parked} and
 * {@code debug}, checked in premain.
 *
 * @param waitMillis how long the exit hook waits, in all, for a flush in progress and the replay
 *     of parked calls
 * @param replayParked true to replay parked calls at exit (the default), false to drop them
 * @param debug list the deferred initcalls that never ran
 */
public record ExitSettings(long waitMillis, boolean replayParked, boolean debug) {
  /** Without option {@code exit.wait}: well inside the 10 s a container stop usually allows. */
  public static final long DEFAULT_WAIT_MILLIS = 5_000;

  /** @throws IllegalArgumentException naming the bad option and the accepted values */
  public static ExitSettings from(AgentOptions options) {
    String wait = options.value("exit.wait");
    String parked = options.value("exit.parked");
    if (parked != null && !parked.equals("replay") && !parked.equals("drop")) {
      throw new IllegalArgumentException("option 'exit.parked' has a bad value '" + parked
          + "': write exit.parked=replay (the default: parked calls run at exit) or"
          + " exit.parked=drop (they are dropped, and counted on stderr)");
    }
    return new ExitSettings(wait == null ? DEFAULT_WAIT_MILLIS
        : Durations.parseMillis(wait, "option 'exit.wait'"), !"drop".equals(parked),
        options.flag("debug"));
  }

  /** How the bound is written in messages: {@code exit.wait=5s}. */
  String waitOption() {
    return "exit.wait=" + Durations.format(waitMillis);
  }
}
