package org.initcall4j.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.initcall4j.agent.control.ControlOptions;
import org.initcall4j.agent.control.FlushPolicy;
import org.initcall4j.agent.launch.LaunchTarget;
import org.initcall4j.agent.model.InitcallName;
import org.initcall4j.agent.profile.ProfileSettings;
import org.initcall4j.agent.ready.ReadySignal;
import org.initcall4j.agent.report.BootReport;
import org.initcall4j.agent.runtime.ExitSettings;
import org.initcall4j.agent.runtime.RuntimeSettings;
import org.initcall4j.agent.text.Durations;
import org.initcall4j.agent.text.EditDistance;
import org.initcall4j.agent.transform.Rewrites;

/**
 * The {@code -javaagent:initcall-agent.jar=OPTIONS} string, JaCoCo style: comma-separated
 * {@code key=value} pairs and bare flags; lists inside a value are separated by {@code :}.
 * {@link #parse} reads and checks every option, once, as the first thing premain does, into
 * typed values; nothing else in the agent reads the option string. An unknown or malformed
 * option, or a bad value, is an error naming it and the fix.
 *
 * <p>{@link #KNOWN} is the one description of the options: parsing, the CLI's help text and the
 * README's option table (a test keeps the two equal) all come from it.
 */
public final class AgentOptions {

  /**
   * A known option.
   *
   * @param value how its value is written ({@code N}, {@code DURATION}, ...), null for a flag
   */
  record Option(String name, String value, String help) {
    boolean takesValue() {
      return value != null;
    }

    /** As the help text and the README write it: {@code threads=N}, {@code debug}. */
    String usage() {
      return value == null ? name : name + "=" + value;
    }
  }

  static final Map<String, Option> KNOWN = new LinkedHashMap<>();

  static {
    known("debug", null, "print initcall_debug lines (calling / returned after) to stderr");
    known("fatal", null, "a failed or skipped boot initcall stops the JVM with status 1");
    known("profile", null, "time static initializers of app classes; blame list at exit");
    known("profile.include", "PATTERNS", "classes to time, e.g. com.acme.*:org.foo.**");
    known("profile.exclude", "PATTERNS", "classes not to time, e.g. com.acme.generated.**");
    known("profile.top", "N", "lines in the blame list (default 20)");
    known("profile.out", "FILE", "also write the blame list to this file at exit");
    known("profile.slow", "DURATION", "static initializers at least this slow (exclusive,"
        + " default 2ms) get their trigger and deferral verdict recorded");
    known("profile.suggest", "FILE", "at exit, write a config deferring the slow static"
        + " initializers the config check accepts and that ran before ready");
    known("profile.data", "FILE", "at exit, write one tab-separated line per timed static"
        + " initializer (what the advise command reads)");
    known("profile.calls", null, "also count calls of void no-argument methods and time the"
        + " first (entry points the advise command may defer; rewrites most classes)");
    known("async", null, "run every initcall (not just async ones) in parallel on a pool");
    known("threads", "N", "pool size for async initcalls, 1 to " + AgentOptions.MAX_THREADS
        + " (default: available processors)");
    known("timeout", "DURATION", "report an initcall running longer than this (250ms, 5s, 2m)"
        + " with its stack");
    known("timeout.skip", null, "give up on an initcall past its timeout: mark it failed, skip"
        + " what needs it");
    known("config", "PATH", "initcalls over existing code, from a properties file");
    known("lenient", null, "report bad config entries and leave them out instead of stopping");
    known("disable", "NAMES", "never run these initcalls or groups (usb:net); what needs them"
        + " is skipped and reported");
    known("control", "DIR", "control directory (default <tmp>/initcall4j-<pid>); control=off"
        + " leaves it out");
    known("control.delay", "DURATION|0", "start the control directory and the watch for JMX"
        + " this long after boot (default 1s; 0: at once), out of the application's start-up;"
        + " Initcalls.ready() or an operator's tool asking for the MBean starts them sooner");
    known("jmx", "off|readonly|on", "off: no MBean org.initcall4j:type=Initcalls; readonly:"
        + " the MBean without its flush operations; on: the MBean from the start, even when"
        + " there are no initcalls (by default it appears when JMX is first used)");
    known("main", "CLASS", "the application's main class, behind a launcher that makes its own"
        + " class loader (default: the manifest's Start-Class)");
    known("flush", "manual|ready|DURATION", "when deferred initcalls run by themselves: never"
        + " (manual, the default), when the application is ready (Initcalls.ready() or option"
        + " ready), or a delay after boot (5s)");
    known("ready", "log:REGEX|port:N|exit", "when an application that does not call"
        + " Initcalls.ready() is ready: a line on stdout or stderr, the port opening, or the"
        + " process ending (for flush=ready and profile mode)");
    known("report", "DIR", "write blame.txt, critical-chain.txt, bootgraph.svg, trace.json"
        + " (Perfetto) and initcalls.dot (Graphviz) to DIR at exit");
    known("jfr", null, "commit a JFR event org.initcall4j.Initcall per initcall");
    known("exit.wait", "DURATION", "at exit, wait this long at most (default 5s) for a flush in"
        + " progress and the replay of parked calls");
    known("exit.parked", "replay|drop", "calls parked for deferred entry points at exit:"
        + " replay (default) or drop; either way stderr counts them");
    known("parked.max", "N", "calls a deferred entry point parks at most (default 10000);"
        + " the next call runs its initcall at once");
  }

  private static void known(String name, String value, String help) {
    KNOWN.put(name, new Option(name, value, help));
  }

  /** Largest pool: more threads than this only adds contention at start-up. */
  static final int MAX_THREADS = 256;

  /** Largest parked.max: beyond this the bound no longer protects the heap. */
  static final int MAX_PARKED = 10_000_000;

  /** The names given, for the decisions that depend on what was asked for at all. */
  private final Map<String, String> given;
  // the typed values; null (or 0) where the option was not given and a getter supplies the default
  private int threads;
  private long timeoutMillis;
  private ExitSettings exit;
  private ControlOptions control;
  private ProfileSettings profile;
  private Path config;
  private Path report;
  private String mainClass;
  private int parkedMax;
  private ReadySignal ready;
  private List<String> disabled = List.of();

  private AgentOptions(Map<String, String> given) {
    this.given = given;
  }

  /**
   * Parses and checks an agent argument string; null or empty means no options.
   *
   * @throws IllegalArgumentException naming the bad option and the fix
   */
  public static AgentOptions parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    if (text != null && !text.isBlank()) {
      for (String item : text.split(",", -1)) {
        readItem(text, item.strip(), values);
      }
    }
    AgentOptions options = new AgentOptions(values);
    options.readValues();
    return options;
  }

  private static void readItem(String text, String item, Map<String, String> values) {
    if (item.isEmpty()) {
      throw new IllegalArgumentException("empty option in '" + text
          + "': remove the extra comma");
    }
    int eq = item.indexOf('=');
    String key = eq < 0 ? item : item.substring(0, eq).strip();
    Option option = KNOWN.get(key);
    if (option == null) {
      throw new IllegalArgumentException("unknown option '" + key + "'" + closest(key)
          + "; known options: " + String.join(", ", KNOWN.keySet()));
    }
    if (option.takesValue() && (eq < 0 || item.substring(eq + 1).isBlank())) {
      throw new IllegalArgumentException("option '" + key + "' needs a value: " + key
          + "=" + option.value() + " (" + option.help() + ")");
    }
    if (!option.takesValue() && eq >= 0) {
      throw new IllegalArgumentException("option '" + key + "' is a flag and takes no value:"
          + " write just '" + key + "'");
    }
    if (values.put(key, eq < 0 ? "" : item.substring(eq + 1).strip()) != null) {
      throw new IllegalArgumentException("option '" + key + "' is given twice");
    }
  }

  /**
   * Every value, read into its type now: an agent that starts idle, or behind a launcher, uses
   * most options only much later, and a bad value must not wait until then. Each feature's values
   * are read only when one of its options is given, so an option string without them loads none
   * of its classes (an idle agent's start loads six).
   */
  private void readValues() {
    if (given.containsKey("threads")) {
      threads = wholeNumber("threads", MAX_THREADS);
    }
    if (given.containsKey("timeout")) {
      timeoutMillis = duration("timeout");
    } else if (flag("timeout.skip")) {
      throw new IllegalArgumentException("option 'timeout.skip' needs a timeout: add timeout=5s"
          + " (or another duration)");
    }
    if (anyOf("exit.wait", "exit.parked")) {
      exit = exitSettings();
    }
    if (given.containsKey("parked.max")) {
      parkedMax = wholeNumber("parked.max", MAX_PARKED);
    }
    if (given.containsKey("main")) {
      mainClass = LaunchTarget.checkedClassName(given.get("main"));
    }
    if (anyOf("control", "jmx", "flush", "control.delay")) {
      control = controlOptions();
    }
    if (anyOf("profile", "profile.include", "profile.exclude", "profile.top", "profile.out",
        "profile.slow", "profile.suggest", "profile.data", "profile.calls")) {
      profile = profileSettings();
    }
    if (given.containsKey("ready")) {
      ready = ReadySignal.parse(given.get("ready"));
    }
    if (given.containsKey("config")) {
      config = path("config", "the initcall config file");
    }
    if (given.containsKey("disable")) {
      disabled = names("disable");
    }
    if (given.containsKey("report")) {
      report = path("report", "the boot report's directory");
      if (Files.exists(report) && !Files.isDirectory(report)) {
        throw new IllegalArgumentException("option 'report=" + given.get("report") + "' names"
            + " a file, " + report.toAbsolutePath() + "; give a directory (made if missing)");
      }
    }
  }

  /**
   * Makes the report directory, if one is asked for and missing, and checks that it is safe to
   * write into: in the agent's JVM, before anything starts, so that a bad one stops the JVM
   * before main rather than being found at exit. Not part of {@link #parse}, which an operator's
   * tool also calls to check options before sending them to another JVM.
   *
   * @throws IllegalArgumentException naming the option and the fix
   */
  void prepareReportDirectory() {
    if (report != null) {
      BootReport.checkDirectory(report, "option 'report=" + given.get("report") + "'");
    }
  }

  private ExitSettings exitSettings() {
    String parked = given.get("exit.parked");
    if (parked != null && !parked.equals("replay") && !parked.equals("drop")) {
      throw new IllegalArgumentException("option 'exit.parked' has a bad value '" + parked
          + "': write exit.parked=replay (the default: parked calls run at exit) or"
          + " exit.parked=drop (they are dropped, and counted on stderr)");
    }
    return new ExitSettings(given.containsKey("exit.wait") ? duration("exit.wait")
        : ExitSettings.DEFAULT_WAIT_MILLIS, !"drop".equals(parked), flag("debug"));
  }

  private ControlOptions controlOptions() {
    String control = given.get("control");
    boolean directoryOn = !"off".equals(control);
    Path directory = null;
    if (control != null && directoryOn) {
      directory = path("control", "the control directory (or write control=off)")
          .toAbsolutePath().normalize();
    }
    String jmx = given.get("jmx");
    if (jmx != null && !jmx.equals("off") && !jmx.equals("on") && !jmx.equals("readonly")) {
      throw new IllegalArgumentException("option 'jmx' has a bad value '" + jmx
          + "': write jmx=off to leave the MBean out, jmx=readonly for an MBean that cannot"
          + " flush, or jmx=on to have it even when the application has no initcalls");
    }
    return new ControlOptions(directory, directoryOn, !"off".equals(jmx), "on".equals(jmx),
        "readonly".equals(jmx), flushPolicy(), controlDelay());
  }

  private long controlDelay() {
    String value = given.get("control.delay");
    if (value == null) {
      return ControlOptions.DEFAULT_DELAY_MILLIS;
    }
    if (value.equals("0")) {
      return 0;
    }
    try {
      return duration("control.delay");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + ", or control.delay=0 to start the"
          + " control plane as soon as boot ends");
    }
  }

  private FlushPolicy flushPolicy() {
    String value = given.get("flush");
    if (value == null || value.equals("manual")) {
      return FlushPolicy.MANUAL;
    }
    if (value.equals("ready")) {
      return FlushPolicy.READY;
    }
    if (Character.isDigit(value.charAt(0))) {
      return FlushPolicy.after(duration("flush"));
    }
    throw new IllegalArgumentException("option 'flush' has a bad value '" + value
        + "': write flush=manual (the default), flush=ready (when the application calls"
        + " Initcalls.ready(), or option ready sees it) or a delay after boot such as flush=5s"
        + " or flush=500ms");
  }

  private ProfileSettings profileSettings() {
    if (!flag("profile")) {
      throw new IllegalArgumentException("the profile.* options only apply in profile mode:"
          + " add the flag 'profile' (e.g. -javaagent:initcall-agent.jar=profile,profile.top=30)");
    }
    String top = given.get("profile.top");
    long slow = given.containsKey("profile.slow") ? duration("profile.slow")
        : ProfileSettings.DEFAULT_SLOW_MILLIS;
    if (slow < 1) {
      throw new IllegalArgumentException("option 'profile.slow' must be at least 1ms, not '"
          + given.get("profile.slow") + "'");
    }
    return ProfileSettings.of(list("profile.include"), list("profile.exclude"),
        top == null ? ProfileSettings.DEFAULT_TOP : wholeNumber("profile.top", 100_000),
        optionalPath("profile.out", "the blame list's file"), slow,
        optionalPath("profile.suggest", "the suggested config"),
        optionalPath("profile.data", "the profile's data file"), flag("profile.calls"));
  }

  private Path optionalPath(String option, String what) {
    return given.containsKey(option) ? path(option, what) : null;
  }

  /** The {@code :}-separated items of a list option (none when not given). */
  private List<String> list(String option) {
    String value = given.get(option);
    return value == null ? List.of() : List.of(value.split(":", -1));
  }

  /**
   * The {@code :}-separated initcall names of an option, each a valid name and given once;
   * whether each names an initcall is known only once the index is read.
   */
  private List<String> names(String option) {
    List<String> names = list(option);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!InitcallName.isValid(name)) {
        throw new IllegalArgumentException("option '" + option + "=" + given.get(option)
            + "': " + (name.isEmpty() ? "an empty name (two ':' in a row, or one at an end)"
            : "'" + name + "' is not an initcall name (" + InitcallName.RULE + ")")
            + "; separate names with ':', e.g. " + option + "=usb:net");
      }
      if (names.subList(0, i).contains(name)) {
        throw new IllegalArgumentException("option '" + option + "=" + given.get(option)
            + "' names '" + name + "' twice; name it once");
      }
    }
    return names;
  }

  private long duration(String option) {
    return Durations.parseMillis(given.get(option), "option '" + option + "'");
  }

  private int wholeNumber(String option, int max) {
    String value = given.get(option);
    // one digit more than max has, so a leading zero is fine; never enough to overflow
    if (!Durations.isWholeNumber(value, String.valueOf(max).length() + 1)
        || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
      throw new IllegalArgumentException("option '" + option + "' must be a whole number from 1"
          + " to " + max + ", not '" + value + "'");
    }
    return Integer.parseInt(value);
  }

  /** The option's value as a path, or an error naming it. */
  private Path path(String option, String what) {
    try {
      return Paths.get(given.get(option));
    } catch (IllegalArgumentException e) { // InvalidPathException, not named: not loaded then
      throw new IllegalArgumentException("option '" + option + "=" + given.get(option)
          + "' is not a valid path for " + what + ": " + e.getMessage());
    }
  }

  /** By name, not by a walk over the keys: on the idle path that walk loads three classes. */
  private boolean anyOf(String... names) {
    for (String name : names) {
      if (given.containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  private boolean flag(String name) {
    return given.containsKey(name);
  }

  /**
   * Whether these options ask for nothing that matters when there are no initcalls: then an
   * application without an index gets an idle agent. With no index nothing is deferred, so
   * there is nothing to exit with either. Profile mode needs no runtime: the idle agent starts
   * it on its own.
   */
  boolean askNothingWithoutInitcalls() {
    int matched = 0;
    for (String flag : new String[] {"debug", "fatal", "async", "timeout.skip", "main",
        // with no index nothing is deferred
        "exit.wait", "exit.parked", "parked.max", "control.delay",
        // profile mode needs its transformer and nothing of the runtime; ready its watch
        "ready", "profile", "profile.include", "profile.exclude", "profile.top", "profile.out",
        "profile.slow", "profile.suggest", "profile.data", "profile.calls"}) {
      if (given.containsKey(flag)) {
        matched++;
      }
    }
    return matched == given.size();
  }

  /** {@code debug}: initcall_debug lines on stderr. */
  public boolean debug() {
    return flag("debug");
  }

  /** {@code fatal}: a failed or skipped boot initcall stops the JVM. */
  public boolean fatal() {
    return flag("fatal");
  }

  /** {@code lenient}: bad config entries are left out instead of stopping the JVM. */
  public boolean lenient() {
    return flag("lenient");
  }

  /** {@code jfr}: one JFR event per initcall. */
  public boolean jfr() {
    return flag("jfr");
  }

  /** Options {@code async}, {@code threads}, {@code timeout}, {@code timeout.skip}. */
  public RuntimeSettings runtime() {
    return new RuntimeSettings(flag("async"),
        threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), timeoutMillis,
        flag("timeout.skip"),
        timeoutMillis > 0 ? timeoutMillis : RuntimeSettings.DEFAULT_STALL_MILLIS);
  }

  /** Options {@code exit.wait}, {@code exit.parked} (and {@code debug}). */
  public ExitSettings exit() {
    return exit != null ? exit
        : new ExitSettings(ExitSettings.DEFAULT_WAIT_MILLIS, true, flag("debug"));
  }

  /** {@code parked.max}. */
  public int parkedMax() {
    return parkedMax > 0 ? parkedMax : Rewrites.DEFAULT_PARKED_MAX;
  }

  /** {@code main}: the application's main class as given, or null. */
  public String mainClass() {
    return mainClass;
  }

  /** Options {@code control}, {@code jmx}, {@code flush}, {@code control.delay}. */
  public ControlOptions control() {
    return control != null ? control : ControlOptions.DEFAULTS;
  }

  /** Option {@code ready}'s signal, or null when only {@code Initcalls.ready()} says it. */
  public ReadySignal ready() {
    return ready;
  }

  /** Profile mode's settings, or null when profile mode is off. */
  public ProfileSettings profile() {
    return profile;
  }

  /** {@code config}: the config file, or null. */
  public Path config() {
    return config;
  }

  /** {@code disable}: the initcalls and groups never to run, as given; none when not given. */
  public List<String> disabled() {
    return disabled;
  }

  /** {@code report}: the report directory (made and checked), or null. */
  public Path report() {
    return report;
  }

  /** The option table, for the CLI's help text; the help column clears the longest name. */
  public static String describe() {
    int width = 0;
    for (Option option : KNOWN.values()) {
      width = Math.max(width, option.usage().length());
    }
    StringBuilder out = new StringBuilder();
    for (Option option : KNOWN.values()) {
      out.append(String.format("  %-" + width + "s  %s%n", option.usage(), option.help()));
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
