package org.initcall4j.benchmarks.startup;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The camera's first picture with and without the JDK's AOT cache (JDK 25, JEP 483/514), so that
 * the cache's saving and deferral's can be set side by side and added up: time from launching
 * {@code java} to the {@code first picture after} line, on a fresh card each time, killed after
 * the line (as in {@link FirstPictureBenchmark}). Modes: {@code eager} (no agent: main starts
 * every module first), {@code agent-nodefer} (the agent, every module before the picture),
 * {@code agent-defer}, and {@code agent-defer-cp} (the same, with the agent's jar also on the
 * class path: {@code -cp camera.jar:initcall-agent.jar}, so the cache can hold the agent's own
 * classes too). With {@code cache=aot}, each fork first trains a cache with the very command it
 * then measures ({@code -XX:AOTCacheOutput}, run to its end, not timed) and every invocation runs
 * with {@code -XX:AOTCache}; {@code cache=aot-flushed} trains without {@code --no-flush}, so the
 * training run also starts the deferred modules and the cache holds their classes too. Run it
 * on JDK 25 or later: the children are started with the JDK that runs the benchmark. No row has
 * an {@code -Xshare} option: the cache options refuse one.
 * Besides wall time, the camera's CPU time up to the picture ({@code cpuMs}, from its
 * {@code /proc/<pid>/stat}, 10 ms ticks) is the secondary result: on a shared, busy machine it
 * moves much less than wall time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Fork(2)
@Measurement(iterations = 10)
public class AotFirstPictureBenchmark {

  @Param({"eager", "agent-nodefer", "agent-defer", "agent-defer-cp"})
  String mode;

  @Param({"none", "aot", "aot-flushed"})
  String cache;

  private Path agentJar;
  private Path cameraJar;
  private Path cacheDir;
  private Path cacheFile;
  private Path card;
  private ChildJvm camera;

  @Setup(Level.Trial)
  public void trainTheCache() throws IOException {
    agentJar = ChildJvm.repoFile("initcall4j.agent.jar", "agent/target/initcall-agent.jar");
    cameraJar = ChildJvm.repoFile("initcall4j.camera.jar", "demo-app/target/camera.jar");
    if (cache.equals("none")) {
      return;
    }
    if (Runtime.version().feature() < 25) {
      throw new IllegalStateException("cache=aot needs JDK 25 or later (an AOT cache trained"
          + " with an agent); this JMH runs on " + Runtime.version() + ": start it with JDK 25's"
          + " java, or run only -p cache=none");
    }
    cacheDir = Files.createTempDirectory("camera-aot");
    Path trainingCard = cacheDir.resolve("card");
    List<String> training = new ArrayList<>(List.of("-XX:AOTCacheOutput="
        + cacheDir.resolve("camera.aot")));
    training.addAll(cameraArgs(trainingCard, !cache.equals("aot-flushed")));
    new ChildJvm(ChildJvm.javaWithoutShareOption(training.toArray(new String[0]))).runToExit();
    cacheFile = cacheDir.resolve("camera.aot");
    if (!Files.isRegularFile(cacheFile)) {
      throw new IllegalStateException("training wrote no cache: " + training);
    }
  }

  @Setup(Level.Invocation)
  public void prepare() throws IOException {
    card = Files.createTempDirectory("camera-bench");
    List<String> args = new ArrayList<>();
    if (cacheFile != null) {
      // AOTMode=on: a cache the JVM cannot use stops it, rather than measure a run without one
      args.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cacheFile));
    }
    args.addAll(cameraArgs(card, true));
    camera = new ChildJvm(ChildJvm.javaWithoutShareOption(args.toArray(new String[0])));
  }

  /**
   * The camera's command line after {@code java}, for a card; without {@code noFlush} the camera
   * flushes its deferred modules after the picture (and serves nothing).
   */
  private List<String> cameraArgs(Path cardDir, boolean noFlush) {
    List<String> args = new ArrayList<>();
    if (!mode.equals("eager")) {
      args.add("-javaagent:" + agentJar);
    }
    args.add("-Dcamera.dir=" + cardDir);
    if (mode.equals("agent-defer-cp")) {
      args.addAll(List.of("-cp", cameraJar + File.pathSeparator + agentJar,
          "org.initcall4j.demo.Camera"));
    } else {
      args.addAll(List.of("-jar", cameraJar.toString()));
    }
    if (noFlush) {
      args.add("--no-flush");
    }
    if (mode.equals("agent-nodefer")) {
      args.add("--no-defer");
    }
    return args;
  }

  /** The camera's CPU time until its first picture, summed over the iteration (one run). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CameraCpu {
    public double cpuMs;
  }

  @Benchmark
  public String firstPicture(CameraCpu cpu) throws IOException {
    String line = camera.awaitLine("first picture after ");
    cpu.cpuMs += camera.cpuTicks() * 10.0;
    return line;
  }

  @TearDown(Level.Invocation)
  public void stop() throws Exception {
    camera.stop();
    ChildJvm.deleteTree(card);
  }

  @TearDown(Level.Trial)
  public void deleteTheCache() throws IOException {
    if (cacheDir != null) {
      ChildJvm.deleteTree(cacheDir);
    }
  }
}
