package org.initcall4j.agent.control;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The control plane's options, read and checked by {@code AgentOptions} in premain: {@code control=DIR|off}, {@code jmx=on|off|readonly},
 * {@code flush=manual|ready|DURATION}.
 *
 * @param directory the control directory, or null for the default
 *     ({@code <java.io.tmpdir>/initcall4j-<pid>})
 * @param directoryOn false with {@code control=off}
 * @param jmxOn false with {@code jmx=off}
 * @param jmxAsked true with {@code jmx=on}: the MBean is wanted even with nothing to control
 * @param jmxReadOnly true with {@code jmx=readonly}: the MBean has no operation that changes the
 *     application (no flush); it appears when it would by default
 */
public record ControlOptions(Path directory, boolean directoryOn, boolean jmxOn,
    boolean jmxAsked, boolean jmxReadOnly, FlushPolicy flushPolicy) {

  /** No option given: the default directory, the MBean on first use of JMX, manual flush. */
  public static final ControlOptions DEFAULTS =
      new ControlOptions(null, true, true, false, false, FlushPolicy.MANUAL);

  /**
   * What to start when the application has nothing to control (profile mode alone, say): only
   * the parts named explicitly, {@code control=DIR} and {@code jmx=on}. The rest would cost the
   * run more than it shows; an operator's tool can still ask for the MBean later.
   */
  public ControlOptions onlyWhatWasAskedFor() {
    return new ControlOptions(directory, directory != null, jmxAsked, jmxAsked, jmxReadOnly,
        flushPolicy);
  }

  /** The directory to use: the one given, or one per process under the temp directory. */
  public Path directoryOrDefault() {
    if (directory != null) {
      return directory;
    }
    return Paths.get(System.getProperty("java.io.tmpdir"))
        .resolve("initcall4j-" + ProcessHandle.current().pid()).toAbsolutePath();
  }
}
