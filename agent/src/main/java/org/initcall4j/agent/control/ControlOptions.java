package org.initcall4j.agent.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The control plane's options, read and checked by {@code AgentOptions} in premain:
 * {@code control=DIR|off}, {@code jmx=on|off|readonly}, {@code flush=manual|ready|DURATION},
 * {@code control.delay=DURATION|0}.
 *
 * @param directory the control directory, or null for the default
 *     ({@code <java.io.tmpdir>/initcall4j-<pid>})
 * @param directoryOn false with {@code control=off}
 * @param jmxOn false with {@code jmx=off}
 * @param jmxAsked true with {@code jmx=on}: the MBean is wanted even with nothing to control
 * @param jmxReadOnly true with {@code jmx=readonly}: the MBean has no operation that changes the
 *     application (no flush); it appears when it would by default
 * @param delayMillis how long after boot the control plane starts its work (the directory, the
 *     watch for JMX), so that it stays out of the application's start-up; 0: at once
 */
public record ControlOptions(Path directory, boolean directoryOn, boolean jmxOn,
    boolean jmxAsked, boolean jmxReadOnly, FlushPolicy flushPolicy, long delayMillis) {

  /**
   * The default {@code control.delay}: longer than a small program's whole run (H2's shell
   * runs in half a second), short enough for an operator who starts a long-running one.
   */
  public static final long DEFAULT_DELAY_MILLIS = 1000;

  /** No option given: the default directory, the MBean on first use of JMX, manual flush. */
  public static final ControlOptions DEFAULTS = new ControlOptions(null, true, true, false,
      false, FlushPolicy.MANUAL, DEFAULT_DELAY_MILLIS);

  /**
   * What to start when the application has nothing to control (profile mode alone, say): only
   * the parts named explicitly, {@code control=DIR} and {@code jmx=on}. The rest would cost the
   * run more than it shows; an operator's tool can still ask for the MBean later.
   */
  public ControlOptions onlyWhatWasAskedFor() {
    return new ControlOptions(directory, directory != null, jmxAsked, jmxAsked, jmxReadOnly,
        flushPolicy, delayMillis);
  }

  /** The directory to use: the one given, or one per process under the temp directory. */
  public Path directoryOrDefault() {
    if (directory != null) {
      return directory;
    }
    return Paths.get(System.getProperty("java.io.tmpdir"))
        .resolve("initcall4j-" + currentPid()).toAbsolutePath();
  }

  /**
   * This JVM's pid, from {@code /proc/self} where there is one: {@code ProcessHandle.current()}
   * initializes the JDK's process reaper (lambdas and a thread pool), milliseconds of CPU beside
   * the application's start-up for one number.
   */
  static long currentPid() {
    try {
      return Long.parseLong(Files.readSymbolicLink(Paths.get("/proc/self")).toString());
    } catch (IOException | RuntimeException e) { // no procfs (macOS, Windows)
      return ProcessHandle.current().pid();
    }
  }
}
