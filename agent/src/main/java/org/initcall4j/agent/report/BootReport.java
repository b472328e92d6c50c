package org.initcall4j.agent.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * The boot report: blame list, critical chain and boot graph, on demand ({@link #text},
 * {@link #write}) and, with option {@code report=DIR}, written at exit. Built from the runtime's
 * records alone, so nothing is loaded or recorded until a report is asked for.
 */
public final class BootReport {
  public static final String BLAME = "blame.txt";
  public static final String CRITICAL_CHAIN = "critical-chain.txt";
  public static final String BOOT_GRAPH = "bootgraph.svg";

  /** Dependency links kept for the critical chain when option report is on; else null. */
  private static volatile List<List<Integer>> keptEdges;

  private BootReport() {}

  private static BootTimes times(InitcallRuntime runtime) {
    return BootTimes.of(runtime.records(), keptEdges);
  }

  /** Blame list and critical chain as one text, e.g. for the MBean or the control directory. */
  public static String text(InitcallRuntime runtime) {
    BootTimes times = times(runtime);
    return "initcall blame (slowest first):\n" + Blame.text(times) + "\ncritical chain:\n"
        + CriticalChain.text(times);
  }

  /** The boot graph SVG of what has run so far. */
  public static String svg(InitcallRuntime runtime) {
    return BootGraphSvg.svg(times(runtime));
  }

  /** Writes {@code blame.txt}, {@code critical-chain.txt} and {@code bootgraph.svg} to dir. */
  public static void write(InitcallRuntime runtime, Path dir) throws IOException {
    BootTimes times = times(runtime);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(BLAME), Blame.text(times), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(CRITICAL_CHAIN), CriticalChain.text(times),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(BOOT_GRAPH), BootGraphSvg.svg(times), StandardCharsets.UTF_8);
  }

  /**
   * Option {@code report=DIR}: checks now that DIR can be made, writes the report at exit.
   *
   * @throws IllegalArgumentException naming the option and the fix when DIR is not usable
   */
  public static void writeAtExit(InitcallRuntime runtime, String dirOption) {
    Path dir = Paths.get(dirOption).toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException("option 'report=" + dirOption + "': cannot create the"
          + " directory " + dir + " (" + e + "): give a writable directory");
    }
    // the runtime frees the links after the last flush; the chain at exit needs them
    keptEdges = BootTimes.edgesOf(runtime.records());
    Thread hook = new Thread(() -> {
      try {
        runtime.awaitExitWork(); // what exit replays, and what never ran, is in the report
        write(runtime, dir);
      } catch (IOException | RuntimeException e) {
        System.err.println("initcall4j: cannot write the boot report to " + dir + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "initcall4j-report");
    Runtime.getRuntime().addShutdownHook(hook);
  }
}
