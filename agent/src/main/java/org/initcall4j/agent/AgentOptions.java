package org.initcall4j.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.initcall4j.agent.control.ControlOptions;
import org.initcall4j.agent.graph.EditDistance;
import org.initcall4j.agent.launch.LaunchTarget;
import org.initcall4j.agent.profile.ProfileMode;
import org.initcall4j.agent.runtime.ExitSettings;

/**
 * The {@code -javaagent:initcall-agent.jar=OPTIONS} string, JaCoCo style: comma-separated
 * {@code key=value} pairs and bare flags. Lists inside a value are separated by {@code :}.
 * An unknown or malformed option, or a bad value, is an error naming it: all are found by
 * {@link #parse}, the first thing premain does.
 */
public final class AgentOptions {

  /** A known option: its name, whether it takes a value, and one line of help. */
  record Option(String name, boolean takesValue, String help) {}

  static final Map<String, Option> KNOWN = new LinkedHashMap<>();

  static {
    known("debug", false, "print initcall_debug lines (calling / returned after) to stderr");
    known("fatal", false, "a failed or skipped boot initcall stops the JVM with status 1");
    known("profile", false, "time static initializers of app classes; blame list at exit");
    known("profile.include", true, "classes to time, e.g. com.acme.*:org.foo.**");
    known("profile.exclude", true, "classes not to time, e.g. com.acme.generated.**");
    known("profile.top", true, "lines in the blame list (default 20)");
    known("profile.out", true, "also write the blame list to this file at exit");
    known("async", false, "run every initcall (not just async ones) in parallel on a pool");
    known("threads", true, "pool size for async initcalls (default: available processors)");
    known("timeout", true, "report an initcall running longer than this (250ms, 5s, 2m) with"
        + " its stack");
    known("timeout.skip", false, "give up on an initcall past its timeout: mark it failed, skip"
        + " what needs it");
    known("config", true, "initcalls over existing code, from a properties file (see README)");
    known("lenient", false, "report bad config entries and leave them out instead of stopping");
    known("control", true, "control directory DIR (default <tmp>/initcall4j-<pid>), or off");
    known("control.delay", true, "start the control directory and the watch for JMX this long"
        + " after boot (default 1s; 0: at once), out of the application's start-up;"
        + " Initcalls.ready() or an operator's tool asking for the MBean starts them sooner");
    known("jmx", true, "jmx=off: no MBean org.initcall4j:type=Initcalls; jmx=readonly: the"
        + " MBean without its flush operations; jmx=on: the MBean from the start, even when"
        + " there are no initcalls (by default it appears when JMX is first used)");
    known("report", true, "write blame.txt, critical-chain.txt, bootgraph.svg to DIR at exit");
    known("jfr", false, "commit a JFR event org.initcall4j.Initcall per initcall");
    known("main", true, "the application's main class, behind a launcher that makes its own"
        + " class loader (default: the manifest's Start-Class)");
    known("flush", true, "run deferred initcalls: manual (default), ready, or after a delay (5s)");
    known("exit.wait", true, "at exit, wait this long at most (default 5s) for a flush in"
        + " progress and the replay of parked calls");
    known("exit.parked", true, "calls parked for deferred entry points at exit: replay"
        + " (default) or drop; either way stderr counts them");
    known("parked.max", true, "calls a deferred entry point parks at most (default 10000);"
        + " the next call runs its initcall at once");
  }

  private static void known(String name, boolean takesValue, String help) {
    KNOWN.put(name, new Option(name, takesValue, help));
  }

  /** Largest pool: more threads than this only adds contention at start-up. */
  static final int MAX_THREADS = 256;

  /** The value of {@code threads=N}, checked. */
  public static int threadCount(String value) {
    return wholeNumber("threads", value, MAX_THREADS);
  }

  /** Largest parked.max: beyond this the bound no longer protects the heap. */
  static final int MAX_PARKED = 10_000_000;

  /** The value of {@code parked.max=N}, checked. */
  public static int parkedMax(String value) {
    return wholeNumber("parked.max", value, MAX_PARKED);
  }

  private static int wholeNumber(String option, String value, int max) {
    String digits = value.strip();
    // one digit more than max has, so a leading zero is fine; never enough to overflow
    if (!Durations.isWholeNumber(digits, String.valueOf(max).length() + 1)
        || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > max) {
      throw new IllegalArgumentException("option '" + option + "' must be a whole number from 1"
          + " to " + max + ", not '" + value + "'");
    }
    return Integer.parseInt(digits);
  }

  private final Map<String, String> values;

  private AgentOptions(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses an agent argument string; null or empty means no options.
   *
   * @throws IllegalArgumentException naming the bad option and the fix
   */
  public static AgentOptions parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return new AgentOptions(values);
    }
    for (String item : text.split(",", -1)) {
      String trimmed = item.strip();
      if (trimmed.isEmpty()) {
        throw new IllegalArgumentException("empty option in '" + text
            + "': remove the extra comma");
      }
      int eq = trimmed.indexOf('=');
      String key = eq < 0 ? trimmed : trimmed.substring(0, eq).strip();
      Option option = KNOWN.get(key);
      if (option == null) {
        throw new IllegalArgumentException("unknown option '" + key + "'" + closest(key)
            + "; known options: " + String.join(", ", KNOWN.keySet()));
      }
      if (option.takesValue() && (eq < 0 || trimmed.substring(eq + 1).isBlank())) {
        throw new IllegalArgumentException("option '" + key + "' needs a value: " + key
            + "=... (" + option.help() + ")");
      }
      if (!option.takesValue() && eq >= 0) {
        throw new IllegalArgumentException("option '" + key + "' is a flag and takes no value:"
            + " write just '" + key + "'");
      }
      if (values.put(key, eq < 0 ? "" : trimmed.substring(eq + 1).strip()) != null) {
        throw new IllegalArgumentException("option '" + key + "' is given twice");
      }
    }
    AgentOptions options = new AgentOptions(values);
    options.checkValues();
    return options;
  }

  /**
   * Every value, checked here because premain parses before it decides whether there is work
   * to do: an agent that starts idle, or behind a launcher, builds nothing from most options
   * until much later, and a bad value must not wait until then (timeout.skip without timeout
   * was accepted and failed at the first flush). Each feature's own check runs only when one of
   * its options is given, so an option string without them loads none of its classes.
   */
  private void checkValues() {
    if (values.containsKey("threads")) {
      threadCount(values.get("threads"));
    }
    if (values.containsKey("timeout")) {
      Durations.parseMillis(values.get("timeout"), "option 'timeout'");
    } else if (values.containsKey("timeout.skip")) {
      throw new IllegalArgumentException("option 'timeout.skip' needs a timeout: add timeout=5s"
          + " (or another duration)");
    }
    if (values.containsKey("main")) {
      LaunchTarget.applicationMainClass(values.get("main"));
    }
    if (anyOf("exit.wait", "exit.parked")) {
      ExitSettings.from(this);
    }
    if (values.containsKey("parked.max")) {
      parkedMax(values.get("parked.max"));
    }
    if (anyOf("control", "jmx", "flush", "control.delay")) {
      ControlOptions.from(this);
    }
    if (anyOf("profile", "profile.include", "profile.exclude", "profile.top", "profile.out")) {
      ProfileMode.checkOptions(this);
    }
    if (values.containsKey("config")) {
      path("config", "the initcall config file");
    }
    if (values.containsKey("report")) {
      Path report = path("report", "the boot report's directory");
      if (Files.exists(report) && !Files.isDirectory(report)) {
        throw new IllegalArgumentException("option 'report=" + values.get("report") + "' names"
            + " a file, " + report.toAbsolutePath() + "; give a directory (made if missing)");
      }
    }
  }

  /** By name, not by a walk over the keys: on the idle path that walk loads three classes. */
  private boolean anyOf(String... names) {
    for (String name : names) {
      if (values.containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  /** The option's value as a path, or an error naming it. */
  private Path path(String option, String what) {
    try {
      return Paths.get(values.get(option));
    } catch (IllegalArgumentException e) { // InvalidPathException, not named: not loaded then
      throw new IllegalArgumentException("option '" + option + "=" + values.get(option)
          + "' is not a valid path for " + what + ": " + e.getMessage());
    }
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }

  /** True when every option given is one of these flags (or none is given). */
  boolean onlyFlagsAmong(String... flags) {
    int matched = 0;
    for (String flag : flags) {
      if (values.containsKey(flag)) {
        matched++;
      }
    }
    return matched == values.size();
  }

  /** Whether any option whose name starts with {@code prefix} was given. */
  public boolean anyStartingWith(String prefix) {
    for (String name : values.keySet()) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The option's value, or null when not given. */
  public String value(String name) {
    return values.get(name);
  }

  /** The option table, for the CLI's help text; the help column clears the longest name. */
  public static String describe() {
    int width = 0;
    for (Option option : KNOWN.values()) {
      width = Math.max(width, option.name().length() + (option.takesValue() ? 4 : 0));
    }
    StringBuilder out = new StringBuilder();
    for (Option option : KNOWN.values()) {
      out.append(String.format("  %-" + width + "s  %s%n",
          option.name() + (option.takesValue() ? "=..." : ""), option.help()));
    }
    return out.toString();
  }

  /** A hint for a misspelt option (only on the error path, so the start-up path loads nothing). */
  private static String closest(String key) {
    for (String known : KNOWN.keySet()) {
      int limit = Math.min(3, key.length()); // a one-letter key is close to every short name
      if (known.equalsIgnoreCase(key) || EditDistance.between(key, known, limit) < limit) {
        return " (did you mean '" + known + "'?)";
      }
    }
    return "";
  }
}
