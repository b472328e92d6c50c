package org.initcall4j.agent.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.initcall4j.agent.AgentOptions;
import org.initcall4j.agent.Durations;

/**
 * The control plane's options, checked in premain so that a bad value stops the JVM before any
 * initcall runs: {@code control=DIR|off}, {@code jmx=on|off|readonly},
 * {@code flush=manual|ready|DURATION}, {@code control.delay=DURATION|0}.
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

  /** @throws IllegalArgumentException naming the bad option and the fix */
  public static ControlOptions from(AgentOptions options) {
    String control = options.value("control");
    Path directory = null;
    boolean directoryOn = !"off".equals(control);
    if (control != null && directoryOn) {
      try {
        directory = Paths.get(control).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("option 'control' names a bad path '" + control
            + "': " + e.getReason() + "; write control=DIR or control=off");
      }
    }
    String jmx = options.value("jmx");
    if (jmx != null && !jmx.equals("off") && !jmx.equals("on") && !jmx.equals("readonly")) {
      throw new IllegalArgumentException("option 'jmx' has a bad value '" + jmx
          + "': write jmx=off to leave the MBean out, jmx=readonly for an MBean that cannot"
          + " flush, or jmx=on to have it even when the application has no initcalls");
    }
    String delay = options.value("control.delay");
    long delayMillis = delay == null ? DEFAULT_DELAY_MILLIS : delayMillis(delay);
    return new ControlOptions(directory, directoryOn, !"off".equals(jmx), "on".equals(jmx),
        "readonly".equals(jmx), FlushPolicy.parse(options.value("flush")), delayMillis);
  }

  private static long delayMillis(String value) {
    if (value.strip().equals("0")) {
      return 0;
    }
    try {
      return Durations.parseMillis(value, "option 'control.delay'");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + ", or control.delay=0 to start the"
          + " control plane as soon as boot ends");
    }
  }

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
