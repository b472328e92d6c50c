package org.initcall4j.agent.runtime;

import java.util.List;
import org.initcall4j.agent.model.InitLevel;

/**
 * A group at run time: a name in {@code partOf} that no initcall has. Nothing runs for it; its
 * state is its parts' ({@link #state()}).
 */
public final class GroupRecord {
  private final String name;
  private final InitLevel level;
  private final List<InitcallRecord> parts;

  GroupRecord(String name, InitLevel level, List<InitcallRecord> parts) {
    this.name = name;
    this.level = level;
    this.parts = List.copyOf(parts);
  }

  public String name() {
    return name;
  }

  /** Its earliest part's level: where it orders among the levels. */
  public InitLevel level() {
    return level;
  }

  /** Its parts at any depth, in plan order. */
  public List<InitcallRecord> parts() {
    return parts;
  }

  /** Deferred when every part is: whether the group as a whole waits for a flush. */
  public boolean deferred() {
    for (InitcallRecord part : parts) {
      if (!part.spec().deferred()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Its parts' state: running while one runs; once all are terminal, done when all are done,
   * else the worst of failed, skipped and disabled; before that pending while a part waits for
   * boot, else deferred (a part waits for a flush).
   */
  public InitcallState state() {
    boolean allTerminal = true;
    boolean pendingPart = false;
    InitcallState worst = InitcallState.DONE;
    for (InitcallRecord part : parts) {
      InitcallState state = part.state();
      if (state == InitcallState.RUNNING) {
        return InitcallState.RUNNING;
      }
      allTerminal &= state.isTerminal();
      pendingPart |= state == InitcallState.PENDING;
      if (rank(state) > rank(worst)) {
        worst = state;
      }
    }
    if (allTerminal) {
      return worst;
    }
    return pendingPart ? InitcallState.PENDING : InitcallState.DEFERRED;
  }

  private static int rank(InitcallState terminal) {
    return switch (terminal) {
      case FAILED -> 3;
      case SKIPPED -> 2;
      case DISABLED -> 1;
      default -> 0;
    };
  }

  /** When its first part started, ns since the runtime was created; -1 before any did. */
  public long startNanos() {
    long start = -1;
    for (InitcallRecord part : parts) {
      if (ran(part.state()) && (start < 0 || part.startNanos() < start)) {
        start = part.startNanos();
      }
    }
    return start;
  }

  /** When its last part ended, once every part is terminal and one ran; -1 otherwise. */
  public long endNanos() {
    long end = -1;
    for (InitcallRecord part : parts) {
      InitcallState state = part.state();
      if (!state.isTerminal()) {
        return -1;
      }
      if (state == InitcallState.DONE || state == InitcallState.FAILED) {
        end = Math.max(end, part.startNanos() + part.durationNanos());
      }
    }
    return end;
  }

  private static boolean ran(InitcallState state) {
    return state == InitcallState.RUNNING || state == InitcallState.DONE
        || state == InitcallState.FAILED;
  }

  /** {@code 2 parts: usb, thumbnails}, and each part that failed, was skipped or disabled. */
  public String detail() {
    StringBuilder names = new StringBuilder();
    StringBuilder problems = new StringBuilder();
    for (InitcallRecord part : parts) {
      names.append(names.length() == 0 ? "" : ", ").append(part.name());
      InitcallState state = part.state();
      if (state == InitcallState.FAILED || state == InitcallState.SKIPPED
          || state == InitcallState.DISABLED) {
        problems.append("; ").append(part.name()).append(' ')
            .append(state.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return parts.size() + (parts.size() == 1 ? " part: " : " parts: ") + names + problems;
  }

  @Override
  public String toString() {
    return "group " + name;
  }
}
