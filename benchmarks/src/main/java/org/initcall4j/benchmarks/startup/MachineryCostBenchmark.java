package org.initcall4j.benchmarks.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's own cost on the camera's start-up, measured directly rather than as the difference
 * of two whole runs: from the JVM's loading of {@code Premain} to its loading of the camera's
 * main class ({@code -Xlog:class+load} with nanosecond uptime), minus the boot initcalls' own
 * time (their {@code debug} lines), is the machinery ({@code machineryMs}); the agent's classes
 * loaded in that span ({@code agentClasses}); and the CPU time its own threads ({@code
 * initcall4j-*}) have used when the first picture is taken ({@code agentThreadsCpuMs}, from
 * {@code /proc/<pid>/task/<tid>/schedstat}). Each secondary result is summed over the measured
 * runs, as JMH does for such counters: divide by their number. {@code control.delay=0} starts
 * the control plane as soon as boot ends, as it did before it waited for the start-up to end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Fork(1)
@Measurement(iterations = 10)
public class MachineryCostBenchmark {
  private static final Pattern RETURNED = Pattern.compile("returned after (\\d+) usecs");
  private static final Pattern LOADED = Pattern.compile("\\[(\\d+)ns\\] (\\S+) source: ");
  private static final String MAIN = "org.initcall4j.demo.Camera";

  /** Agent options besides {@code debug}. */
  @Param({"", "control.delay=0"})
  String options;

  private Path dir;
  private ChildJvm camera;

  /** What one run measured, summed over the iteration (one run in single-shot mode). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Machinery {
    public double machineryMs;
    public double initcallBodiesMs;
    public double agentClasses;
    public double agentThreadsCpuMs;
  }

  @Setup(Level.Invocation)
  public void prepare() throws IOException {
    Path agentJar = ChildJvm.repoFile("initcall4j.agent.jar", "agent/target/initcall-agent.jar");
    Path cameraJar = ChildJvm.repoFile("initcall4j.camera.jar", "demo-app/target/camera.jar");
    dir = Files.createTempDirectory("machinery-bench");
    Files.createDirectory(dir.resolve("card"));
    camera = new ChildJvm(ChildJvm.java(
        "-Xlog:class+load=info:file=" + dir.resolve("classes.log") + ":uptimenanos",
        "-javaagent:" + agentJar + "=debug" + (options.isEmpty() ? "" : "," + options),
        "-Djava.io.tmpdir=" + dir, "-Dcamera.dir=" + dir.resolve("card"),
        "-jar", cameraJar.toString(), "--no-flush", "--serve=5s"), dir.resolve("stderr.txt"));
  }

  /** The score is the time to the first picture plus reading the logs: read the counters. */
  @Benchmark
  public String firstPicture(Machinery machinery) throws IOException {
    String line = camera.awaitLine("first picture after ");
    machinery.agentThreadsCpuMs += agentThreadsCpuNanos(camera.pid()) / 1e6;
    long premain = -1;
    long main = -1;
    int agentClasses = 0;
    // written as the classes load: the main class is in it long before the picture
    for (String log : Files.readAllLines(dir.resolve("classes.log"), StandardCharsets.UTF_8)) {
      Matcher loaded = LOADED.matcher(log);
      if (!loaded.lookingAt()) {
        continue;
      }
      String name = loaded.group(2);
      if (name.equals("org.initcall4j.agent.Premain")) {
        premain = Long.parseLong(loaded.group(1));
      } else if (name.equals(MAIN)) {
        main = Long.parseLong(loaded.group(1));
        break;
      }
      if (premain >= 0 && name.startsWith("org.initcall4j.agent.")) {
        agentClasses++;
      }
    }
    if (premain < 0 || main < 0) {
      throw new IllegalStateException("no Premain or " + MAIN + " in " + dir);
    }
    long bodiesMicros = 0;
    Matcher returned = RETURNED.matcher(Files.readString(dir.resolve("stderr.txt")));
    while (returned.find()) {
      bodiesMicros += Long.parseLong(returned.group(1));
    }
    machinery.machineryMs += (main - premain) / 1e6 - bodiesMicros / 1e3;
    machinery.initcallBodiesMs += bodiesMicros / 1e3;
    machinery.agentClasses += agentClasses + 1; // Premain itself
    return line;
  }

  @TearDown(Level.Invocation)
  public void stop() throws Exception {
    camera.stop();
    ChildJvm.deleteTree(dir);
  }

  /** On-CPU time so far of the child's threads named initcall4j-*, from schedstat (ns). */
  static long agentThreadsCpuNanos(long pid) throws IOException {
    long nanos = 0;
    List<Path> tasks = new ArrayList<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc", pid + "", "task"))) {
      all.forEach(tasks::add);
    }
    for (Path task : tasks) {
      try {
        if (Files.readString(task.resolve("comm")).startsWith("initcall4j")) {
          nanos += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
        }
      } catch (IOException e) {
        // the thread ended meanwhile
      }
    }
    return nanos;
  }
}
