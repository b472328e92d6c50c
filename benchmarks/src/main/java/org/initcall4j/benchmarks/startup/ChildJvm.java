package org.initcall4j.benchmarks.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A JVM started by a start-up benchmark: {@link #awaitLine} blocks until a known line appears
 * on its stdout (the moment measured), {@link #stop} kills it (called from {@code @TearDown}, so
 * the kill is not measured). Paths come from {@code -Dinitcall4j.repo} (default: the current
 * directory, the repository root).
 */
public final class ChildJvm {
  private final List<String> command;
  private final Path stderr;
  private Process process;

  public ChildJvm(List<String> command) {
    this(command, null);
  }

  /** @param stderr where the child's stderr goes (null: discarded) */
  public ChildJvm(List<String> command, Path stderr) {
    this.command = List.copyOf(command);
    this.stderr = stderr;
  }

  /** The running child's pid. */
  long pid() {
    return process.pid();
  }

  /** java of the JDK running the benchmark, with the given arguments. */
  static List<String> java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.addAll(List.of(args));
    return command;
  }

  /**
   * java of the JDK running the benchmark with only the given arguments: the JDK's AOT cache
   * options refuse any {@code -Xshare} option beside them.
   */
  static List<String> javaWithoutShareOption(String... args) {
    List<String> command = java(args);
    command.remove("-Xshare:auto");
    return command;
  }

  /** A file of the built repository, checked to exist. */
  static Path repoFile(String property, String relative) {
    String given = System.getProperty(property);
    Path path = given != null ? Paths.get(given)
        : Paths.get(System.getProperty("initcall4j.repo", ".")).resolve(relative);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path.toAbsolutePath() + " not found: run mvn -B package"
          + " -DskipTests and the benchmarks from the repository root (or set -D" + property + ")");
    }
    return path.toAbsolutePath();
  }

  /** Starts the JVM and waits until a line of its stdout starts with prefix; returns the line. */
  String awaitLine(String prefix) throws IOException {
    return awaitLine(prefix, true);
  }

  /** Starts the JVM and waits until a line of its stdout contains text; returns the line. */
  public String awaitLineContaining(String text) throws IOException {
    return awaitLine(text, false);
  }

  private String awaitLine(String text, boolean atStart) throws IOException {
    process = new ProcessBuilder(command).redirectError(stderr == null
        ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stderr.toFile())).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (atStart ? line.startsWith(text) : line.contains(text)) {
        return line;
      }
    }
    throw new IllegalStateException("ended without printing '" + text + "' (exit "
        + waitForExit() + "): " + String.join(" ", command));
  }

  /**
   * CPU time (user + system, all threads, 10 ms ticks) the running JVM has used so far, from
   * its {@code /proc/PID/stat}: read at the measured line, before the JVM is stopped.
   */
  public double cpuMillis() throws IOException {
    String stat = Files.readString(Paths.get("/proc", Long.toString(process.pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0; // stat's 14 and 15
  }

  /** Runs the JVM to its end; a non-zero exit status is an error. */
  int runToExit() throws IOException {
    process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    int status = waitForExit();
    if (status != 0) {
      throw new IllegalStateException("exit status " + status + ": " + String.join(" ", command));
    }
    return status;
  }

  private int waitForExit() {
    try {
      return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * CPU ticks (1/100 s, user + system) of the children this process has waited for, from
   * {@code /proc/self/stat}: on a busy machine they move much less than wall time.
   */
  public static long childrenCpuTicks() throws IOException {
    String stat = Files.readString(Paths.get("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[13]) + Long.parseLong(fields[14]); // fields 16 and 17 of stat
  }

  /**
   * CPU time (user + system, 10 ms ticks) the started JVM has used so far, from its
   * {@code /proc/<pid>/stat}; still readable once it has ended, until {@link #stop} reaps it.
   */
  long cpuTicks() throws IOException {
    String stat = Files.readString(Paths.get("/proc", Long.toString(process.pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of stat
  }

  /**
   * Stops the JVM and everything it started, and waits for it: first as Ctrl-C does, so that its
   * exit hooks remove what it made in /tmp (the agent's control directory), then by force.
   */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  /** Deletes a directory the benchmark made, with everything in it. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
