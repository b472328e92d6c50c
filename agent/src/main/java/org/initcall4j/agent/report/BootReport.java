package org.initcall4j.agent.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.initcall4j.agent.files.OwnDirectory;
import org.initcall4j.agent.files.UnsafeDirectoryException;
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

  private static final OwnDirectory.Place PLACE = new OwnDirectory.Place("report directory",
      "use a directory of your own that only you can write, or another report=DIR");

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

  /**
   * Writes {@code blame.txt}, {@code critical-chain.txt} and {@code bootgraph.svg} to dir, which
   * is created if missing and must be a directory of the user running the JVM that nobody else
   * can write ({@link OwnDirectory}): each file is written to a fresh temporary file and renamed
   * into place, so a link planted under one of the names is replaced, never written through.
   */
  public static void write(InitcallRuntime runtime, Path dir) throws IOException {
    BootTimes times = times(runtime);
    try (OwnDirectory own = OwnDirectory.create(dir, "rwxr-xr-x", PLACE)) {
      own.writeAtomically(BLAME, Blame.text(times), "rw-r--r--");
      own.writeAtomically(CRITICAL_CHAIN, CriticalChain.text(times), "rw-r--r--");
      own.writeAtomically(BOOT_GRAPH, BootGraphSvg.svg(times), "rw-r--r--");
    } catch (UnsafeDirectoryException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Makes the report directory now, if missing, and checks that it is safe to write into.
   *
   * @param option the option as the user wrote it, named in the error
   * @throws IllegalArgumentException naming the option and the fix when DIR is not usable
   */
  public static void checkDirectory(Path directory, String option) {
    Path dir = directory.toAbsolutePath();
    try {
      OwnDirectory.create(dir, "rwxr-xr-x", PLACE).close();
    } catch (UnsafeDirectoryException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }

  /**
   * Option {@code report=DIR} ({@link #checkDirectory checked} in premain): writes the report at
   * exit, checking the directory again then.
   */
  public static void writeAtExit(InitcallRuntime runtime, Path reportDirectory) {
    Path dir = reportDirectory.toAbsolutePath();
    // the runtime frees the links after the last flush; the chain at exit needs them
    keptEdges = BootTimes.edgesOf(runtime.records());
    Thread hook = new Thread(() -> {
      try {
        runtime.awaitExitWork(); // what exit replays, and what never ran, is in the report
        write(runtime, dir);
      } catch (IOException | RuntimeException e) {
        System.err.println("initcall4j: the boot report was not written to " + dir + ": "
            + (e.getCause() instanceof UnsafeDirectoryException ? e.getMessage() : e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "initcall4j-report");
    Runtime.getRuntime().addShutdownHook(hook);
  }
}
