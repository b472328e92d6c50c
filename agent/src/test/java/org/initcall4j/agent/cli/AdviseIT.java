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
 * ready: costs nothing before it).
 */
class AdviseIT {
  @TempDir
  Path tmp;

  private ForkedJvm.Result advise(String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("advise", "--ready", "log:Started .* in"));
    args.addAll(List.of(options));
    args.addAll(List.of("--", Paths.get(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", TestApps.jar("advise") + java.io.File.pathSeparator
        + ForkedJvm.apiClasses(), "advise.Main"));
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
    assertTrue(result.stdout().contains("1 of the 5 was needed before ready anyway (dropped:"
        + " advise.NeededEarly)"), result.describe());
    assertTrue(result.stdout().contains("deferring advise.Plugin changes the output (stdout line"
        + " 7: 'plugins []' instead of 'plugins [plugin]'): left out"), result.describe());
    assertTrue(result.stdout().contains("output identical to run 1 (stdout, stderr, exit"
        + " status)"), result.describe());
    assertTrue(lines.stream().anyMatch(l -> l.matches("saved: +\\d+\\.\\d{3} s to ready \\(-\\d+"
        + " %\\), 3 classes deferred: " + java.util.regex.Pattern.quote(out.toString()))),
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
        "initcall.advise.Color.deferred = true"),
        config.stream().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList(),
        String.join("\n", config));
    assertTrue(config.stream().anyMatch(l -> l.matches("# 1\\d{3}\\.\\d{3} ms exclusive,"
        + " initialized \\d+\\.\\d{3} ms before ready, triggered by advise\\.Main\\.main")),
        String.join("\n", config));
  }

  @Test
  void saysPlainlyWhenNothingIsWorthDeferring() throws Exception {
    Path out = tmp.resolve("initcalls.properties");
    ForkedJvm.Result result = advise("--slow", "5s", "--out", out.toString());

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("candidates:        0 slow enough (>= 5000 ms)"),
        result.describe());
    assertTrue(result.stdout().contains("nothing to defer:  no slow static initializer that can"
        + " be deferred runs before ready; no config written"), result.describe());
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
