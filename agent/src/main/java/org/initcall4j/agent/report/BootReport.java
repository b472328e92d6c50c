package org.initcall4j.agent.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initcall4j.agent.files.OwnDirectory;
import org.initcall4j.agent.files.UnsafeDirectoryException;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.profile.ClinitTiming;
import org.initcall4j.agent.profile.ProfileRecorder;
import org.initcall4j.agent.runtime.GroupRecord;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * The boot report: blame list (and the groups after it), critical chain, boot graph, trace (Trace
 * Event Format) and initcall graph (Graphviz), on demand ({@link #text}, {@link #trace},
 * {@link #write}) and, with option {@code report=DIR}, written at exit. Built from the runtime's
 * records (and profile mode's timings) alone, so nothing is loaded or recorded until a report is
 * asked for.
 */
public final class BootReport {
  public static final String BLAME = "blame.txt";
  public static final String CRITICAL_CHAIN = "critical-chain.txt";
  public static final String BOOT_GRAPH = "bootgraph.svg";
  public static final String TRACE = "trace.json";
  public static final String GRAPH = "initcalls.dot";

  private static final OwnDirectory.Place PLACE = new OwnDirectory.Place("report directory",
      "use a directory of your own that only you can write, or another report=DIR");

  private final InitcallRuntime runtime;
  /** Dependency links kept for the critical chain past the freeing of the init memory; or null. */
  private final List<List<Integer>> keptEdges;
  /** The declarations with their dependency lists, kept for the graph like the links; or null. */
  private final List<InitcallSpec> keptSpecs;

  private BootReport(InitcallRuntime runtime, List<List<Integer>> keptEdges,
      List<InitcallSpec> keptSpecs) {
    this.runtime = runtime;
    this.keptEdges = keptEdges;
    this.keptSpecs = keptSpecs;
  }

  /** A report of what the runtime holds now (its links are gone once the init memory is freed). */
  public static BootReport of(InitcallRuntime runtime) {
    return new BootReport(runtime, null, null);
  }

  /**
   * A report that keeps the dependency links and declarations now, before the runtime frees
   * them after the last flush: option {@code report=DIR} needs them at exit.
   */
  public static BootReport keepingDeclarations(InitcallRuntime runtime) {
    List<InitcallSpec> specs = new ArrayList<>(runtime.records().size());
    for (InitcallRecord record : runtime.records()) {
      specs.add(record.spec());
    }
    return new BootReport(runtime, BootTimes.edgesOf(runtime.records()), List.copyOf(specs));
  }

  private BootTimes times() {
    return BootTimes.of(runtime.records(), keptEdges);
  }

  /** Blame list and critical chain as one text, e.g. for the MBean or the control directory. */
  public String text() {
    BootTimes times = times();
    return "initcall blame (slowest first):\n" + Blame.text(times) + GroupLines.text(runtime)
        + "\ncritical chain:\n" + CriticalChain.text(times);
  }

  /** The boot graph SVG of what has run so far. */
  public String svg() {
    return BootGraphSvg.svg(times());
  }

  /** The trace ({@code trace.json}) of what has run so far, for an operator's tool. */
  public String trace() {
    return trace(times());
  }

  private String trace(BootTimes times) {
    // empty unless profile mode timed static initializers: only its code records any
    List<ClinitTiming> clinits = ProfileRecorder.snapshot();
    return BootTrace.json(times, runtime.flushMarks(), runtime.emptyFlushes(), clinits,
        runtime.originNanos(), ProcessHandle.current().pid());
  }

  /** The initcall graph ({@code initcalls.dot}), each initcall coloured by its state. */
  String dot(BootTimes times) {
    List<InitcallSpec> specs = keptSpecs;
    String note = null;
    if (specs == null) {
      specs = new ArrayList<>(times.entries().size());
      for (InitcallRecord record : runtime.records()) {
        specs.add(record.spec());
      }
      if (runtime.initWorkReleased()) {
        note = "No after, before or partOf edges: they were freed after the last flush"
            + " (option report=DIR keeps them).";
      }
    }
    Map<String, String> states = new HashMap<>();
    for (BootTimes.Entry entry : times.entries()) {
      states.put(entry.name(), entry.state().name().toLowerCase(Locale.ROOT));
    }
    for (GroupRecord group : runtime.groups()) {
      states.put(group.name(), group.state().name().toLowerCase(Locale.ROOT));
    }
    return InitcallsDot.dot(specs, states, note);
  }

  /**
   * Writes {@code blame.txt}, {@code critical-chain.txt}, {@code bootgraph.svg},
   * {@code trace.json} and {@code initcalls.dot} to dir, which
   * is created if missing and must be a directory of the user running the JVM that nobody else
   * can write ({@link OwnDirectory}): each file is written to a fresh temporary file and renamed
   * into place, so a link planted under one of the names is replaced, never written through.
   */
  public void write(Path dir) throws IOException {
    BootTimes times = times();
    try (OwnDirectory own = OwnDirectory.create(dir, "rwxr-xr-x", PLACE)) {
      own.writeAtomically(BLAME, Blame.text(times) + GroupLines.text(runtime), "rw-r--r--");
      own.writeAtomically(CRITICAL_CHAIN, CriticalChain.text(times), "rw-r--r--");
      own.writeAtomically(BOOT_GRAPH, BootGraphSvg.svg(times), "rw-r--r--");
      own.writeAtomically(TRACE, trace(times), "rw-r--r--");
      own.writeAtomically(GRAPH, dot(times), "rw-r--r--");
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
  public void writeAtExit(Path reportDirectory) {
    Path dir = reportDirectory.toAbsolutePath();
    Thread hook = new Thread(() -> {
      try {
        runtime.awaitExitWork(); // what exit replays, and what never ran, is in the report
        write(dir);
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
