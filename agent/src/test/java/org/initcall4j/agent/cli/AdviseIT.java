package org.initcall4j.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code advise} on the advise test app, whose classes are known: NeededEarly (slow, deferrable,
 * needed before ready), Catalog (a public static field) and Color (an enum), Report (slow,
 * deferrable, only initialized by a scan before ready: the one saving), Plugin (deferrable by
 * the rules, but deferring it loses its registration: the output changes) and Late (after
 * ready: costs nothing before it); and its entry points: Main.startServices (called once before
 * ready, but it calls the two others, so it is not tried), Index.build (an instance method whose
 * parked call nothing shows: kept) and Banner.show (prints before ready: deferring it changes the
 * output).
 */
class AdviseIT {
  @TempDir
  Path tmp;

  private ForkedJvm.Result advise(String... options) throws Exception {
    return adviseMode("log", options);
  }

  private ForkedJvm.Result adviseMode(String mode, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("advise", "--ready", "log:Started .* in"));
    args.addAll(List.of(options));
    args.addAll(List.of("--", Paths.get(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", TestApps.jar("advise") + java.io.File.pathSeparator
        + ForkedJvm.apiClasses(), "advise.Main", mode));
    return CliIT.command("current", args.toArray(String[]::new)).timeoutSeconds(300).run();
  }

  @Test
  void writesTheOneConfigThatSavesTimeAndNamesWhatItLeftOut() throws Exception {
    Path out = tmp.resolve("initcalls.properties");
    ForkedJvm.Result result = advise("--runs", "3", "--out", out.toString());

    assertEquals(0, result.exitCode(), result.describe());
    List<String> lines = result.stdoutLines();
    assertTrue(lines.get(0).matches("run 1/9 profile: +ready after \\d+\\.\\d{3} s; \\d+ static"
        + " initializers, \\d+\\.\\d ms exclusive before ready"), result.describe());
    assertTrue(result.stdout().contains("candidates:        7 slow enough (>= 2 ms), 6 can be"
        + " deferred safely, 1 cannot (why: below); 5 of the 6 ran before ready"),
        result.describe());
    assertTrue(result.stdout().contains("entry points:      3 void methods without parameters"
        + " called once before ready took >= 2 ms, 3 can be deferred safely, 0 cannot; 1 left"
        + " out as it calls others of them (advise.Main#startServices()); trying"
        + " advise.Index#build(), advise.Banner#show()\n"), result.describe());
    assertTrue(result.stdout().contains("1 of the 5 was needed before ready anyway (dropped:"
        + " advise.NeededEarly)"), result.describe());
    assertTrue(result.stdout().contains("deferring advise.Plugin changes the output (stdout line"
        + " 8: 'plugins []' instead of 'plugins [plugin]'): left out"), result.describe());
    assertTrue(result.stdout().contains("deferring advise.Banner#show() changes the output"
        + " (stdout line 3: 'Started advise app in # ms' instead of 'banner: welcome'): left"
        + " out"), result.describe());
    assertTrue(result.stdout().contains("output identical to run 1 (stdout, stderr, exit"
        + " status)"), result.describe());
    assertTrue(lines.stream().anyMatch(l -> l.matches("saved: +\\d+\\.\\d{3} s to ready \\(-\\d+"
        + " %\\), 3 classes and 1 entry point deferred: "
        + java.util.regex.Pattern.quote(out.toString()))),
        result.describe());
    // Catalog's public static field and the enum Color are deferred with their reads guarded
    assertTrue(result.stdout().contains("not deferrable:    advise.Defaults (it is an"
        + " interface)\n"), result.describe());

    List<String> config = Files.readAllLines(out);
    assertEquals(List.of("initcall.advise.Report.class = advise.Report",
        "initcall.advise.Report.deferred = true",
        "initcall.advise.Catalog.class = advise.Catalog",
        "initcall.advise.Catalog.deferred = true",
        "initcall.advise.Color.class = advise.Color",
        "initcall.advise.Color.deferred = true",
        "initcall.advise.Index.build.method = advise.Index#build()",
        "initcall.advise.Index.build.deferred = true"),
        config.stream().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList(),
        String.join("\n", config));
    assertTrue(config.stream().anyMatch(l -> l.matches("# 1\\d{3}\\.\\d{3} ms exclusive,"
        + " initialized \\d+\\.\\d{3} ms before ready, triggered by advise\\.Main\\.main")),
        String.join("\n", config));
    assertTrue(config.stream().anyMatch(l -> l.matches("# [3-9]\\d{2}\\.\\d{3} ms in its call,"
        + " called \\d+\\.\\d{3} ms before ready, by advise\\.Main\\.startServices")),
        String.join("\n", config));
    assertTrue(config.contains("# use: -javaagent:initcall-agent.jar=config=initcalls.properties,"
        + "flush=ready,ready=log:Started .* in (flush=ready runs the parked calls just after"
        + " ready; without it they wait for the JVM's exit)"), String.join("\n", config));
  }

  @Test
  void aParkedCallTheApplicationWaitsForIsLeftOutWhenTheRunIsNeverReady() throws Exception {
    Path out = tmp.resolve("initcalls.properties");
    ForkedJvm.Result result = adviseMode("wait", "--runs", "1", "--out", out.toString());

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().matches("(?s).*\n {19}deferring advise\\.Index#build\\(\\) changes"
        + " the output \\(not ready within \\d+ s \\(stopped\\)\\): left out\n.*"),
        result.describe());
    List<String> config = Files.readAllLines(out);
    assertTrue(config.stream().noneMatch(l -> l.contains("Index")), String.join("\n", config));
    assertTrue(config.contains("initcall.advise.Report.class = advise.Report"),
        String.join("\n", config));
  }

  @Test
  void saysPlainlyWhenNothingIsWorthDeferring() throws Exception {
    Path out = tmp.resolve("initcalls.properties");
    ForkedJvm.Result result = advise("--slow", "5s", "--out", out.toString());

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("candidates:        0 slow enough (>= 5000 ms)"),
        result.describe());
    assertTrue(result.stdout().contains("entry points:      no void method without parameters"
        + " called once before ready took >= 5000 ms\n"), result.describe());
    assertTrue(result.stdout().contains("nothing to defer:  no slow static initializer or entry"
        + " point that can be deferred runs before ready; no config written"), result.describe());
    assertFalse(Files.exists(out), "no config: " + result.describe());
  }

  @Test
  void aReadySignalNeverSeenFailsWithWhatTheRunPrinted() throws Exception {
    ForkedJvm.Result result = CliIT.command("current", "advise", "--ready", "log:Never printed",
        "--", Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        TestApps.jar("advise") + java.io.File.pathSeparator + ForkedJvm.apiClasses(),
        "advise.Main").timeoutSeconds(120).run();

    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("the profile run was never ready (log:Never printed;"
        + " exit status 0): check --ready"), result.describe());
    assertTrue(result.stderr().contains("late 7"), "its output is shown: " + result.describe());
  }
}
