package org.initcall4j.agent.runtime;

/**
 * The calls parked for a deferred entry point until its initcall runs, as the exit work sees
 * them: how many wait, how many were replayed, and the ways to end parking for good.
 */
public interface ParkedQueue {
  /** The entry point, for messages: {@code com.acme.Audit#log(java.lang.String)}. */
  String target();

  /** Calls replayed so far (those that threw included). */
  int replayed();

  /**
   * Ends parking when no call is parked and no replay is running: later calls run as they would
   * without the agent.
   *
   * @return false when calls are parked or being replayed: replay them (run the initcall) first
   */
  boolean closeIfEmpty();

  /**
   * Ends parking now: the parked calls are dropped, a replay in progress stops before its next
   * call, and later calls run as they would without the agent.
   */
  Stopped stop();

  /**
   * What {@link #stop} found, at one moment.
   *
   * @param replayed calls replayed so far
   * @param dropped parked calls that will never be replayed
   * @param midCall true when a replayed call was running at that moment (it may finish or not)
   */
  record Stopped(int replayed, int dropped, boolean midCall) {}
}
