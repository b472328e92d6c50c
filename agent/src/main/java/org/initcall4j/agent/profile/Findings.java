package org.initcall4j.agent.profile;

import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.config.DeferralCheck;

/**
 * The profile as the advisor reads it, made at exit: each timed static initializer placed
 * relative to the ready moment, and for the slow ones the trigger and the config check's
 * verdict (read from the class file, nothing loaded).
 *
 * @param readyNanos when ready was seen ({@link System#nanoTime()}), or -1
 * @param readySinceStartNanos the same, in ns since the agent started, or -1
 * @param readyBy what saw it ({@code log:...}, {@code Initcalls.ready()}), or null
 */
public record Findings(long readyNanos, long readySinceStartNanos, String readyBy,
    List<Finding> all) {

  /** From the recorder's timings; slow means at least {@code slowNanos} exclusive. */
  static Findings of(List<ClinitTiming> timings, long readyNanos, long readySinceStartNanos,
      String readyBy, long slowNanos) {
    List<Finding> all = new ArrayList<>(timings.size());
    for (ClinitTiming timing : timings) {
      String trigger = null;
      String verdict = Finding.NOT_CHECKED;
      if (timing.exclusiveNanos() >= slowNanos) {
        Triggers.Trigger found = Triggers.of(timing.className());
        trigger = found == null ? null : found.frame();
        String refusal = timing.failed() ? "it threw, and a deferred failure would surface"
            + " somewhere else" : DeferralCheck.refusal(timing.className(),
                found == null ? null : found.loader());
        verdict = refusal == null ? Finding.DEFERRABLE : refusal;
      }
      all.add(new Finding(timing.className(), timing.thread(),
          readyNanos < 0 ? Finding.NO_READY : timing.startNanos() - readyNanos,
          timing.exclusiveNanos(), timing.inclusiveNanos(), timing.failed(), trigger, verdict));
    }
    return new Findings(readyNanos, readySinceStartNanos, readyBy, all);
  }

  /** Whether ready was seen. */
  public boolean readySeen() {
    return readyNanos >= 0;
  }

  /**
   * Slow ones the config check accepts and that ran before ready, slowest first: only those can
   * make ready sooner (one that ran after ready costs nothing before it). Whether the
   * application needs one before ready, or only had it initialized (a scan, {@code
   * Class.forName}, a subclass), one run cannot tell: a run with it deferred does.
   */
  public List<Finding> candidates() {
    List<Finding> chosen = new ArrayList<>();
    for (Finding finding : slowestFirst()) {
      if (finding.deferrable() && readySeen() && !finding.afterReady()) {
        chosen.add(finding);
      }
    }
    return chosen;
  }

  /** Those the config check was asked about (the slow ones), slowest first. */
  public List<Finding> slowestFirst() {
    List<Finding> slow = new ArrayList<>();
    for (Finding finding : all) {
      if (finding.checked()) {
        slow.add(finding);
      }
    }
    slow.sort(new SlowestFirst());
    return slow;
  }

  /** Exclusive time of the static initializers that started before ready (all if never). */
  public long exclusiveBeforeReadyNanos() {
    long total = 0;
    for (Finding finding : all) {
      if (!finding.afterReady()) {
        total += finding.exclusiveNanos();
      }
    }
    return total;
  }

  /** A plain class, not a lambda: used at exit. */
  private static final class SlowestFirst implements java.util.Comparator<Finding> {
    @Override
    public int compare(Finding a, Finding b) {
      int byTime = Long.compare(b.exclusiveNanos(), a.exclusiveNanos());
      return byTime != 0 ? byTime : a.className().compareTo(b.className());
    }
  }
}
