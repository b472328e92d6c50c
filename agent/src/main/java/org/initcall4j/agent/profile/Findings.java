package org.initcall4j.agent.profile;

import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.config.DeferralCheck;

/**
 * The profile as the advisor reads it, made at exit: each timed static initializer placed
 * relative to the ready moment, and for the slow ones the trigger and the config check's
 * verdict (read from the class file, nothing loaded); with {@code profile.calls}, the same for
 * each method that could be a deferred entry point and whose first call was slow.
 *
 * @param readyNanos when ready was seen ({@link System#nanoTime()}), or -1
 * @param readySinceStartNanos the same, in ns since the agent started, or -1
 * @param readyBy what saw it ({@code log:...}, {@code Initcalls.ready()}), or null
 * @param calls the methods whose first call took at least {@code profile.slow}, in the order
 *     their first calls started (none without {@code profile.calls})
 */
public record Findings(long readyNanos, long readySinceStartNanos, String readyBy,
    List<Finding> all, List<CallFinding> calls) {

  /** Without counted calls. */
  public Findings(long readyNanos, long readySinceStartNanos, String readyBy,
      List<Finding> all) {
    this(readyNanos, readySinceStartNanos, readyBy, all, List.of());
  }

  /**
   * From the recorders' timings; slow means at least {@code slowNanos} exclusive for a static
   * initializer (the calls given are the slow ones already).
   */
  static Findings of(List<ClinitTiming> timings, List<CallTiming> callTimings, long readyNanos,
      long readySinceStartNanos, String readyBy, long slowNanos) {
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
    return new Findings(readyNanos, readySinceStartNanos, readyBy, all,
        calls(callTimings, readyNanos));
  }

  private static List<CallFinding> calls(List<CallTiming> timings, long readyNanos) {
    List<CallTiming> sorted = new ArrayList<>(timings);
    sorted.sort(new ByStart());
    List<CallFinding> calls = new ArrayList<>(sorted.size());
    for (CallTiming timing : sorted) {
      Triggers.Trigger found = Triggers.ofCall(timing.className(), timing.methodName());
      String refusal = timing.threw() ? "its first call threw, and a deferred failure would"
          + " surface somewhere else" : found == null ? "its class loader is not known (no"
          + " trigger was taken)" : DeferralCheck.methodRefusal(timing.className(),
              timing.methodName(), found.loader());
      calls.add(new CallFinding(timing.className(), timing.methodName(), timing.calls(),
          timing.thread(), readyNanos < 0 ? Finding.NO_READY : timing.startNanos() - readyNanos,
          timing.firstCallNanos(), found == null ? null : found.frame(),
          refusal == null ? Finding.DEFERRABLE : refusal));
    }
    return calls;
  }

  /**
   * Methods called exactly once, first before ready, in the order of their calls: deferring one
   * parks that call until the flush. (Called twice, a deferred entry point would park both: the
   * second call too is the application's, so the advisor leaves such methods alone.)
   */
  public List<CallFinding> calledOnceBeforeReady() {
    List<CallFinding> once = new ArrayList<>();
    for (CallFinding call : calls) {
      if (call.calls() == 1 && readySeen() && !call.afterReady()) {
        once.add(call);
      }
    }
    return once;
  }

  /**
   * Those of {@link #calledOnceBeforeReady} that the config check accepts and whose call makes
   * no other such call: of a {@code startAll()} that calls each module's {@code start()}, the
   * starts (deferring one parks it alone, and the output check can tell them apart).
   */
  public List<CallFinding> entryPointCandidates() {
    return acceptedOnce(false);
  }

  /** Those the config check accepts but that are left out as they call a candidate. */
  public List<CallFinding> outerEntryPoints() {
    return acceptedOnce(true);
  }

  /** Called once before ready and accepted, and calling another such method or not. */
  private List<CallFinding> acceptedOnce(boolean outer) {
    List<CallFinding> accepted = new ArrayList<>();
    for (CallFinding call : calledOnceBeforeReady()) {
      if (call.deferrable()) {
        accepted.add(call);
      }
    }
    List<CallFinding> chosen = new ArrayList<>();
    for (CallFinding call : accepted) {
      if (containsAny(call, accepted) == outer) {
        chosen.add(call);
      }
    }
    return chosen;
  }

  private static boolean containsAny(CallFinding call, List<CallFinding> others) {
    for (CallFinding other : others) {
      if (call.contains(other)) {
        return true;
      }
    }
    return false;
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
  private static final class ByStart implements java.util.Comparator<CallTiming> {
    @Override
    public int compare(CallTiming a, CallTiming b) {
      return Long.compare(a.startNanos(), b.startNanos());
    }
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
