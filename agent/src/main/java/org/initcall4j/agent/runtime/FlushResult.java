package org.initcall4j.agent.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * What one flush did, and how what it was asked for stands after it: the initcalls it ran (done,
 * failed, or skipped because something they need failed), and every failed or skipped initcall
 * among those asked for and what they need, whether this flush or an earlier one ran it. Counts
 * mean what they say: {@link #succeeded()} counts only initcalls this flush ran without an error.
 */
public final class FlushResult {
  private final String what;
  private final List<InitcallRecord> byThisFlush;
  private final List<InitcallRecord> covered;
  private final boolean group;

  /**
   * @param what {@code all}, or the name of the initcall or group asked for
   * @param byThisFlush the initcalls this flush ran or skipped
   * @param covered those asked for and everything they need, in plan order, all terminal now
   */
  FlushResult(String what, List<InitcallRecord> byThisFlush, List<InitcallRecord> covered) {
    this(what, false, byThisFlush, covered);
  }

  /** @param group true when {@code what} is a group, whose parts were asked for */
  FlushResult(String what, boolean group, List<InitcallRecord> byThisFlush,
      List<InitcallRecord> covered) {
    this.what = what;
    this.group = group;
    this.byThisFlush = List.copyOf(byThisFlush);
    this.covered = List.copyOf(covered);
  }

  /** {@code all}, or the name of the initcall asked for. */
  public String what() {
    return what;
  }

  /** True when a group was asked for: its parts, and what they need. */
  public boolean group() {
    return group;
  }

  /** How many initcalls this flush ran or skipped. */
  public int ran() {
    return byThisFlush.size();
  }

  /** How many initcalls this flush ran to their end without an error. */
  public int succeeded() {
    int n = 0;
    for (InitcallRecord record : byThisFlush) {
      if (record.state() == InitcallState.DONE) {
        n++;
      }
    }
    return n;
  }

  /** The failed initcalls among those asked for and what they need, in plan order. */
  public List<InitcallRecord> failed() {
    return inState(InitcallState.FAILED);
  }

  /** The skipped initcalls among those asked for and what they need, in plan order. */
  public List<InitcallRecord> skipped() {
    return inState(InitcallState.SKIPPED);
  }

  private List<InitcallRecord> inState(InitcallState state) {
    List<InitcallRecord> found = new ArrayList<>();
    for (InitcallRecord record : covered) {
      if (record.state() == state) {
        found.add(record);
      }
    }
    return found;
  }

  /** The disabled initcalls among those asked for and what they need, in plan order. */
  public List<InitcallRecord> disabled() {
    return inState(InitcallState.DISABLED);
  }

  /** True when nothing asked for failed, was skipped or is disabled, in this flush or before. */
  public boolean allSucceeded() {
    return failed().isEmpty() && skipped().isEmpty() && disabled().isEmpty();
  }

  /**
   * One line per failed, skipped or disabled initcall, in plan order, with the error or the reason:
   * {@code printer failed: java.lang.IllegalStateException: out of paper}, or {@code failed
   * earlier} when an earlier flush (or boot) ran it.
   */
  public List<String> problems() {
    List<String> lines = new ArrayList<>();
    for (InitcallRecord record : covered) {
      InitcallState state = record.state();
      if (state == InitcallState.DISABLED) {
        lines.add(oneLine(record.name() + " " + record.outcome())); // never ran: no "earlier"
      } else if (state == InitcallState.FAILED || state == InitcallState.SKIPPED) {
        String outcome = record.outcome(); // "failed: ..." or "skipped: ..."
        int colon = outcome.indexOf(':');
        lines.add(oneLine(record.name() + " " + outcome.substring(0, colon)
            + (byThisFlush.contains(record) ? "" : " earlier") + outcome.substring(colon)));
      }
    }
    return lines;
  }

  /** {@code ran 3 initcalls}, {@code 1 of 2 initcalls succeeded} or {@code nothing left to run}. */
  public String headline() {
    int ran = ran();
    int succeeded = succeeded();
    if (ran == 0) {
      return "nothing left to run";
    }
    if (succeeded == ran) {
      return "ran " + ran + " initcall" + (ran == 1 ? "" : "s");
    }
    return succeeded + " of " + ran + " initcalls succeeded";
  }

  /** The headline and every problem, on one line separated by {@code ;}. */
  public String summary() {
    List<String> problems = problems();
    return problems.isEmpty() ? headline() : headline() + "; " + String.join("; ", problems);
  }

  /** An error's text on one line: a report line must stay one line. */
  private static String oneLine(String text) {
    return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }

  @Override
  public String toString() {
    return "flush " + what + ": " + summary();
  }
}
