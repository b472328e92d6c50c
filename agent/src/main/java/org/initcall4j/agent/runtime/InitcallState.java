package org.initcall4j.agent.runtime;

/** Life cycle of one initcall. Terminal states never change again. */
public enum InitcallState {
  /** Waiting for its turn at boot. */
  PENDING,
  /** Parked at boot; runs at flush or on demand. */
  DEFERRED,
  RUNNING,
  DONE,
  FAILED,
  /** Not run because something it needs failed or was skipped. */
  SKIPPED;

  public boolean isTerminal() {
    return this == DONE || this == FAILED || this == SKIPPED;
  }
}
