package org.initcall4j.agent.control;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.initcall4j.agent.AgentOptions;

/**
 * The control plane's options, checked in premain so that a bad value stops the JVM before any
 * initcall runs: {@code control=DIR|off}, {@code jmx=on|off|readonly},
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
    return new ControlOptions(directory, directoryOn, !"off".equals(jmx), "on".equals(jmx),
        "readonly".equals(jmx), FlushPolicy.parse(options.value("flush")));
  }

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
