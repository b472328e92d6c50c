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
  /** Not run because something it needs failed, was skipped or was disabled. */
  SKIPPED,
  /**
   * Never run: switched off by name (option {@code disable}, or {@code disabled} in the config),
   * the kernel's {@code initcall_blacklist}. Set before anything runs.
   */
  DISABLED;

  public boolean isTerminal() {
    return this == DONE || this == FAILED || this == SKIPPED || this == DISABLED;
  }
}
