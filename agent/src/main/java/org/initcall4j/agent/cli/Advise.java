package org.initcall4j.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initcall4j.agent.profile.CallFinding;
import org.initcall4j.agent.profile.Finding;
import org.initcall4j.agent.profile.Findings;
import org.initcall4j.agent.profile.ProfileData;
import org.initcall4j.agent.ready.ListeningPorts;
import org.initcall4j.agent.ready.ReadySignal;

/**
 * {@code java -jar initcall-agent.jar advise --ready SIGNAL -- java ...}: from a profile to a
 * measured deferral config for an unmodified application. A profile run finds the slow static
 * initializers that the config check accepts and that ran before ready (only those can make
 * ready sooner), and the slow methods that could be deferred entry points, called once before
 * ready (the innermost of those whose calls nest); a trial run with the classes deferred drops
 * those the application still needs before ready (deferring them saves nothing); a check run
 * compares the output with the profile run's, and an entry that changes it is found, named and
 * left out; then the time to ready is measured, N runs without the agent and N with it and the
 * config, and the config is written only if it saves time.
 */
final class Advise {
  private final AdviseArguments arguments;
  private final Path agentJar;
  private final PrintStream out;
  private final Path work;
  private int run;
  private int plannedRuns;
  private AppRun.Stop compared;

  private Advise(AdviseArguments arguments, Path agentJar, PrintStream out, Path work) {
    this.arguments = arguments;
    this.agentJar = agentJar;
    this.out = out;
    this.work = work;
  }

  /** Runs the advice; exit status 0 when it ended with advice (a config, or "nothing"). */
  static int run(List<String> args, Path agentJar, PrintStream out) throws CliException {
    AdviseArguments arguments = AdviseArguments.parse(args);
    if (arguments.ready().kind() == ReadySignal.Kind.PORT && !ListeningPorts.available()) {
      throw new CliException(CliException.USAGE, "advise --ready port:N reads /proc/net/tcp,"
          + " which this system does not have; use --ready log:REGEX");
    }
    Path work;
    try {
      work = Files.createTempDirectory("initcall4j-advise-");
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot make a working directory: " + e);
    }
    try {
      return new Advise(arguments, agentJar, out, work).advise();
    } finally {
      deleteQuietly(work);
    }
  }

  private int advise() throws CliException {
    String ready = "ready=" + arguments.ready();

    // 1. profile, with the calls of possible entry points counted
    Path data = work.resolve("profile.tsv");
    AppRun.Result profiled = AppRun.run(arguments, agentJar, "profile,profile.top=1,"
        + "profile.calls,profile.slow=" + arguments.slowMillis() + "ms,profile.data=" + data
        + "," + ready, AppRun.Stop.AFTER_DELAY);
    requireReady(profiled, "profile");
    // the runs compared with it end as it did: by themselves, or stopped after the same delay
    compared = profiled.stopped() ? AppRun.Stop.AFTER_DELAY : AppRun.Stop.AT_END;
    Findings profile = readData(data, profiled);
    List<Finding> slow = profile.slowestFirst();
    List<Finding> refused = new ArrayList<>();
    List<Finding> deferrable = new ArrayList<>();
    for (Finding finding : slow) {
      (finding.deferrable() ? deferrable : refused).add(finding);
    }
    List<Finding> candidates = profile.candidates();
    List<CallFinding> once = profile.calledOnceBeforeReady();
    List<CallFinding> refusedCalls = new ArrayList<>();
    for (CallFinding call : once) {
      if (!call.deferrable()) {
        refusedCalls.add(call);
      }
    }
    List<CallFinding> entryPoints = profile.entryPointCandidates();
    plannedRuns = (candidates.isEmpty() ? 2 : 3) + 2 * arguments.runs();
    line("run " + next() + " profile:", "ready after " + seconds(profiled.readyNanos()) + "; "
        + profile.all().size() + " static initializers, "
        + millis(profile.exclusiveBeforeReadyNanos()) + " exclusive before ready");
    line("candidates:", slow.size() + " slow enough (>= " + arguments.slowMillis() + " ms), "
        + deferrable.size() + " can be deferred safely, " + refused.size() + " cannot"
        + (refused.isEmpty() ? "" : " (why: below)") + "; " + candidates.size() + " of the "
        + deferrable.size() + " ran before ready (the others cost nothing before it)");
    line("entry points:", entryPointsLine(profile, once, refusedCalls, entryPoints));
    NotDeferrable notDeferrable = new NotDeferrable(refused, refusedCalls);
    if (candidates.isEmpty() && entryPoints.isEmpty()) {
      return nothingToDefer(notDeferrable, "no slow static initializer or entry point that can"
          + " be deferred runs before ready");
    }

    // 2. trial: which of the classes a deferred run still needs before ready. Entry points are
    // not deferred here: a parked call is not run on demand, so they have nothing to show, and
    // one the application needs (checked below) could keep this run from ever being ready. A
    // class only their calls need is then counted as needed, which loses nothing: deferring
    // the call initializes it after ready anyway.
    List<Finding> kept = new ArrayList<>(candidates);
    if (!candidates.isEmpty()) {
      Path trialData = work.resolve("trial.tsv");
      AppRun.Result trial = AppRun.run(arguments, agentJar, options(new Deferral(candidates,
          List.of()), "trial") + ",profile,profile.top=1,profile.slow="
          + arguments.slowMillis() + "ms," + "profile.data=" + trialData, compared);
      requireReady(trial, "deferred");
      Map<String, Finding> inTrial = byClass(readData(trialData, trial));
      List<Finding> neededEarly = new ArrayList<>();
      for (Finding candidate : candidates) {
        Finding there = inTrial.get(candidate.className());
        if (there != null && !there.afterReady()) {
          neededEarly.add(candidate);
        }
      }
      kept.removeAll(neededEarly);
      line("run " + next() + " deferred:", "ready after " + seconds(trial.readyNanos()) + "; "
          + neededEarly.size() + " of the " + candidates.size() + (neededEarly.size() == 1
              ? " was" : " were") + " needed before ready anyway" + (neededEarly.isEmpty() ? ""
              : " (dropped: " + new Deferral(neededEarly, List.of()).names() + ")"));
      if (kept.isEmpty() && entryPoints.isEmpty()) {
        return nothingToDefer(notDeferrable, "every candidate was still needed before ready"
            + " when deferred");
      }
    }
    Deferral chosen = new Deferral(kept, entryPoints);

    // 3. check: the same output as the profile run; entries that change it are left out. A
    // parked call the application waits for would keep a run from ever being ready: such a
    // run is given up on well after the profile run (the slowest, being instrumented) was ready
    long readyLimit = 5_000 + 3 * profiled.readyNanos() / 1_000_000;
    AppRun.Result check = AppRun.run(arguments, agentJar, options(chosen, "check"), compared,
        readyLimit);
    String difference = OutputComparison.difference(profiled, check);
    if (difference != null) {
      line("run " + next() + " check:", "output differs from run 1: " + difference
          + "; trying each entry alone");
      List<Deferral> changing = new ArrayList<>();
      for (Deferral entry : chosen.each()) {
        AppRun.Result alone = AppRun.run(arguments, agentJar, options(entry, "alone"),
            compared, readyLimit);
        String changed = OutputComparison.difference(profiled, alone);
        if (changed != null) {
          changing.add(entry);
          line("", "deferring " + entry.names() + " changes the output (" + changed
              + "): left out");
        }
      }
      chosen = chosen.without(changing);
      if (chosen.isEmpty()) {
        return nothingToDefer(notDeferrable, "deferring the candidates changes the output");
      }
      check = AppRun.run(arguments, agentJar, options(chosen, "check"), compared, readyLimit);
      difference = OutputComparison.difference(profiled, check);
      if (difference != null) {
        throw new CliException(CliException.FAILED, "the output still differs from the"
            + " profile run's with " + chosen.names() + " deferred (" + difference + "), though"
            + " no entry changes it alone; no config written");
      }
      line("check again:", "ready after " + seconds(check.readyNanos()) + "; output identical"
          + " to run 1 (stdout, stderr, exit status)");
    } else {
      line("run " + next() + " check:", "ready after " + seconds(check.readyNanos())
          + "; output identical to run 1 (stdout, stderr, exit status)");
    }
    requireReady(check, "check");

    // 4. timing: N runs without the agent and N with the config, taken in turns
    String config = options(chosen, "final");
    long[] without = new long[arguments.runs()];
    long[] with = new long[arguments.runs()];
    for (int i = 0; i < arguments.runs(); i++) {
      without[i] = timed(null);
      with[i] = timed(config);
    }
    long before = median(without);
    long after = median(with);
    line("timing:", arguments.runs() + " run" + (arguments.runs() == 1 ? "" : "s") + " each,"
        + " median (min-max): without the agent " + seconds(before) + " (" + range(without)
        + "), with the agent and the config " + seconds(after) + " (" + range(with) + ")");
    if (after >= before) {
      return nothingToDefer(notDeferrable, "deferring " + chosen.counted() + " ("
          + chosen.names() + ") did not make ready sooner than running without the agent");
    }
    write(chosen, before, after);
    line("saved:", seconds(before - after) + " to ready (" + String.format(Locale.ROOT,
        "-%.0f %%", 100.0 * (before - after) / before) + "), " + chosen.counted()
        + " deferred: " + arguments.out());
    notDeferrable.print();
    return 0;
  }

  /**
   * What the profile found of the methods that could be deferred entry points: those called once
   * before ready whose call took at least {@code --slow}, those the check refuses, those left out
   * as their call makes another candidate's (the innermost are tried), and the ones tried.
   */
  private String entryPointsLine(Findings profile, List<CallFinding> once,
      List<CallFinding> refusedCalls, List<CallFinding> entryPoints) {
    if (once.isEmpty()) {
      return "no void method without parameters called once before ready took >= "
          + arguments.slowMillis() + " ms";
    }
    List<CallFinding> outer = profile.outerEntryPoints();
    return once.size() + " void method" + (once.size() == 1 ? "" : "s") + " without parameters"
        + " called once before ready took >= " + arguments.slowMillis() + " ms, "
        + (once.size() - refusedCalls.size()) + " can be deferred safely, "
        + refusedCalls.size() + " cannot" + (refusedCalls.isEmpty() ? "" : " (why: below)")
        + (outer.isEmpty() ? "" : "; " + outer.size() + " left out as " + (outer.size() == 1
            ? "it calls" : "they call") + " others of them (" + new Deferral(List.of(), outer)
            .names() + ")") + (entryPoints.isEmpty() ? "" : "; trying "
        + new Deferral(List.of(), entryPoints).names());
  }

  private long timed(String agentOptions) throws CliException {
    AppRun.Result result = AppRun.run(arguments, agentJar, agentOptions,
        AppRun.Stop.AT_READY);
    requireReady(result, agentOptions == null ? "timing without the agent"
        : "timing with the config");
    return result.readyNanos();
  }

  private int nothingToDefer(NotDeferrable notDeferrable, String why) {
    line("nothing to defer:", why + "; no config written");
    notDeferrable.print();
    return 0;
  }

  /** The slow static initializers and entry points the config check refuses, with why. */
  private final class NotDeferrable {
    private final List<Finding> classes;
    private final List<CallFinding> calls;

    NotDeferrable(List<Finding> classes, List<CallFinding> calls) {
      this.classes = classes;
      this.calls = calls;
    }

    void print() {
      List<String> reasons = new ArrayList<>();
      for (Finding finding : classes) {
        reasons.add(finding.className() + " (" + shortReason(finding.verdict()) + ")");
      }
      for (CallFinding call : calls) {
        reasons.add(call.target() + " (" + shortReason(call.verdict()) + ")");
      }
      if (!reasons.isEmpty()) {
        line("not deferrable:", String.join(", ", reasons));
      }
    }
  }

  /** The reason's first clause: "static field 'X' is not private", "it is an enum". */
  static String shortReason(String verdict) {
    int end = verdict.length();
    for (char stop : new char[] {',', ';', ':'}) {
      int at = verdict.indexOf(stop);
      if (at > 0 && at < end) {
        end = at;
      }
    }
    return verdict.substring(0, end);
  }

  private void write(Deferral chosen, long before, long after) throws CliException {
    List<String> header = new ArrayList<>();
    header.add("initcall4j advise: " + (chosen.parksCalls() ? chosen.classes().isEmpty()
        ? "entry points" : "static initializers and entry points" : "static initializers")
        + " to defer, checked and measured");
    header.add("command: " + shellWords(arguments.command()));
    header.add("ready: " + arguments.ready() + "; without the agent " + seconds(before)
        + ", with this config " + seconds(after) + " (median of " + arguments.runs() + ")");
    if (!chosen.classes().isEmpty()) {
      header.add("each class was initialized before ready in the profile run, but with it"
          + " deferred the application did not need it before ready; deferring them changed"
          + " no output");
    }
    if (chosen.parksCalls()) {
      header.add("each method was called once before ready in the profile run; deferred, that"
          + " call is parked until the flush; deferring them (with flush=ready) changed no"
          + " output");
      header.add("use: -javaagent:initcall-agent.jar=config=" + arguments.out().getFileName()
          + ",flush=ready,ready=" + arguments.ready() + " (flush=ready runs the parked calls"
          + " just after ready; without it they wait for the JVM's exit)");
    } else {
      header.add("use: -javaagent:initcall-agent.jar=config=" + arguments.out().getFileName()
          + " (add flush=ready," + "ready=" + arguments.ready() + " to run them just after"
          + " ready)");
    }
    try {
      Files.writeString(arguments.out(), chosen.config(header), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot write " + arguments.out() + ": " + e);
    }
  }

  /** The command as a shell would take it back: a word with spaces or quotes is quoted. */
  static String shellWords(List<String> command) {
    List<String> words = new ArrayList<>();
    for (String word : command) {
      words.add(word.matches("[A-Za-z0-9_./:=,@%+-]+") ? word
          : "'" + word.replace("'", "'\\''") + "'");
    }
    return String.join(" ", words);
  }

  /**
   * The agent options of a run with {@code deferral}'s config (written to the working directory
   * as {@code name.properties}); one that parks calls flushes them when ready.
   */
  private String options(Deferral deferral, String name) throws CliException {
    Path file = work.resolve(name + ".properties");
    try {
      Files.writeString(file, deferral.config(List.of()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot write " + file + ": " + e);
    }
    return "config=" + file + (deferral.parksCalls() ? ",flush=ready" : "") + ",ready="
        + arguments.ready();
  }

  private Findings readData(Path data, AppRun.Result result) throws CliException {
    try {
      return ProfileData.parse(Files.readString(data, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException(CliException.FAILED, "the profile run left no profile data ("
          + e.getMessage() + "); its stderr ended with: " + tail(result.stderr()));
    }
  }

  private void requireReady(AppRun.Result result, String what) throws CliException {
    if (!result.readySeen()) {
      throw new CliException(CliException.FAILED, "the " + what + " run was never ready ("
          + arguments.ready() + "; exit status " + result.exitStatus() + "): check --ready."
          + " Its stdout ended with: " + tail(result.stdout()) + "; its stderr with: "
          + tail(result.stderr()));
    }
  }

  private static String tail(List<String> lines) {
    return lines.isEmpty() ? "(nothing)"
        : String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  private static Map<String, Finding> byClass(Findings findings) {
    Map<String, Finding> map = new HashMap<>();
    for (Finding finding : findings.all()) {
      map.putIfAbsent(finding.className(), finding);
    }
    return map;
  }

  private String next() {
    return ++run + "/" + plannedRuns;
  }

  private void line(String label, String text) {
    out.println(String.format(Locale.ROOT, "%-19s", label) + text);
    out.flush();
  }

  static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static String range(long[] values) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long value : values) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    return seconds(min) + "-" + seconds(max);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  private static void deleteQuietly(Path directory) {
    try (var files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
