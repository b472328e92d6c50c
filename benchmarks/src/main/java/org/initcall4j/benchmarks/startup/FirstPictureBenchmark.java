package org.initcall4j.benchmarks.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Time from launching {@code java} to the camera's {@code first picture after} line, on a fresh
 * card each time: without the agent (main starts every module first), under the agent with every
 * module started before the picture ({@code --no-defer}), with deferral, and with deferral and
 * option {@code async} (boot initcalls in parallel). The process is killed after the line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Fork(2)
@Measurement(iterations = 8)
public class FirstPictureBenchmark {

  @Param({"eager", "agent-nodefer", "agent-defer", "agent-defer-async"})
  String mode;

  private Path agentJar;
  private Path cameraJar;
  private Path card;
  private ChildJvm camera;

  @Setup(Level.Trial)
  public void findJars() {
    agentJar = ChildJvm.repoFile("initcall4j.agent.jar", "agent/target/initcall-agent.jar");
    cameraJar = ChildJvm.repoFile("initcall4j.camera.jar", "demo-app/target/camera.jar");
  }

  @Setup(Level.Invocation)
  public void prepare() throws IOException {
    card = Files.createTempDirectory("camera-bench");
    List<String> args = new ArrayList<>();
    if (!mode.equals("eager")) {
      args.add("-javaagent:" + agentJar + (mode.endsWith("async") ? "=async" : ""));
    }
    args.addAll(List.of("-Dcamera.dir=" + card, "-jar", cameraJar.toString(), "--no-flush"));
    if (mode.equals("agent-nodefer")) {
      args.add("--no-defer");
    }
    camera = new ChildJvm(ChildJvm.java(args.toArray(new String[0])));
  }

  @Benchmark
  public String firstPicture() throws IOException {
    return camera.awaitLine("first picture after ");
  }

  @TearDown(Level.Invocation)
  public void stop() throws Exception {
    camera.stop();
    ChildJvm.deleteTree(card);
  }
}
