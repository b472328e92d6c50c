package org.initcall4j.agent.profile;

import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.ready.ReadyMoment;

/**
 * Turns profile mode on: registers the timing transformer and, at exit, prints the blame list
 * (with where the ready moment fell) and writes the files asked for. Loaded only when the
 * options ask for profile mode.
 */
public final class ProfileMode {
  private final ProfileSettings settings;

  private ProfileMode(ProfileSettings settings) {
    this.settings = settings;
  }

  /**
   * Starts profiling the static initializers of classes loaded from now on.
   *
   * @param ready the moment the application is ready, to place each initializer before or after
   */
  public static ProfileMode install(ProfileSettings chosen, Instrumentation instrumentation,
      ReadyMoment ready) {
    ProfileRecorder.takeTriggersFrom(chosen.slowMillis() * 1_000_000);
    if (chosen.calls()) {
      CallRecorder.takeTriggersFrom(chosen.slowMillis() * 1_000_000);
    }
    ProfileTransformer transformer = new ProfileTransformer(chosen.selection(),
        new ProfileLog(System.err), chosen.calls());
    Warmup.run(transformer, chosen.calls());
    instrumentation.addTransformer(transformer);
    EarlyClasses early = EarlyClasses.noted(instrumentation, chosen.selection(),
        ProfileRecorder.class.getClassLoader());
    Runtime.getRuntime().addShutdownHook(new Thread(new ReportAtExit(chosen, ready, early),
        "initcall4j-profile-report"));
    return new ProfileMode(chosen);
  }

  /** The blame list as it stands now (the configured number of lines). */
  public String blameList() {
    return BlameList.format(ProfileRecorder.snapshot(), settings.top());
  }

  /** A plain class, not a lambda: no invokedynamic bootstrap in premain. */
  private record ReportAtExit(ProfileSettings chosen, ReadyMoment ready, EarlyClasses early)
      implements Runnable {
    @Override
    public void run() {
      report(chosen, ready, early, System.err);
    }
  }

  private static void report(ProfileSettings chosen, ReadyMoment ready, EarlyClasses early,
      PrintStream err) {
    long readyNanos = ready.readyNanosAtExit();
    List<ClinitTiming> timings = ProfileRecorder.snapshot();
    String text = BlameList.format(timings, chosen.top()) + early.note();
    err.print(text);
    if (ready.signal() != null || readyNanos >= 0) {
      err.print(readyLine(timings, ready, readyNanos));
    }
    err.flush();
    if (chosen.out() != null) {
      ProfileOut.write("profile.out", chosen.out(), text, err);
    }
    if (chosen.suggest() == null && chosen.data() == null) {
      return;
    }
    long slowNanos = chosen.slowMillis() * 1_000_000;
    Findings findings = Findings.of(timings, chosen.calls() ? CallRecorder.snapshot(slowNanos)
        : List.of(), readyNanos, ready.sinceStartNanos(), ready.seenBy(), slowNanos);
    if (chosen.data() != null) {
      ProfileOut.write("profile.data", chosen.data(), ProfileData.format(findings), err);
    }
    if (chosen.suggest() != null) {
      ProfileOut.write("profile.suggest", chosen.suggest(),
          SuggestedConfig.format(suggestHeader(findings, chosen), findings.candidates(),
              findings.entryPointCandidates()), err);
    }
  }

  /** Where the ready moment fell among the static initializers. */
  private static String readyLine(List<ClinitTiming> timings, ReadyMoment ready,
      long readyNanos) {
    if (readyNanos < 0) {
      return "initcall4j profile: ready (" + ready.signal() + ") was never seen" + System
          .lineSeparator();
    }
    long before = 0;
    long after = 0;
    int afterCount = 0;
    for (ClinitTiming timing : timings) {
      if (timing.startNanos() < readyNanos) {
        before += timing.exclusiveNanos();
      } else {
        after += timing.exclusiveNanos();
        afterCount++;
      }
    }
    return "initcall4j profile: ready (" + ready.seenBy() + ") at "
        + BlameList.millis(ready.sinceStartNanos()) + " ms after agent start; "
        + BlameList.millis(before) + " ms exclusive in the " + (timings.size() - afterCount)
        + " static initializers before it, " + BlameList.millis(after) + " ms in the "
        + afterCount + " after" + System.lineSeparator();
  }

  private static List<String> suggestHeader(Findings findings, ProfileSettings chosen) {
    long slowMillis = chosen.slowMillis();
    List<String> header = new ArrayList<>();
    header.add("initcall4j: static initializers to defer, from one profile run");
    if (!findings.readySeen()) {
      header.add("ready was never seen in this run, so nothing is known to run after it:"
          + " give option ready=log:REGEX|port:N|exit, or call Initcalls.ready()");
      return header;
    }
    header.add("ready (" + findings.readyBy() + ") at "
        + BlameList.millis(findings.readySinceStartNanos()) + " ms after agent start; "
        + findings.all().size() + " static initializers timed, "
        + BlameList.millis(findings.exclusiveBeforeReadyNanos()) + " ms before ready");
    int slow = 0;
    int deferrable = 0;
    for (Finding finding : findings.slowestFirst()) {
      slow++;
      deferrable += finding.deferrable() ? 1 : 0;
    }
    header.add(slow + " at least " + slowMillis + " ms exclusive; " + deferrable + " of them the"
        + " config check accepts; " + findings.candidates().size() + " of those ran before"
        + " ready (below): deferring one saves time only if the application does not need it"
        + " before ready");
    if (chosen.calls()) {
      header.add(findings.entryPointCandidates().size() + " entry points (void, no parameters)"
          + " called once before ready, their first call at least " + slowMillis + " ms, that the"
          + " config check accepts and that call no other of them (below): their calls are"
          + " parked until the flush (add flush=ready), which is safe only if nothing before it"
          + " needs what they do");
    }
    header.add("one run cannot tell which it needs: 'java -jar initcall-agent.jar advise' tries"
        + " them deferred, drops those still needed before ready, compares the output and"
        + " measures the saving");
    return header;
  }
}
