package org.initcall4j.benchmarks.startup;

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
 * Hello world from launch to exit: no agent, a no-op agent (the floor for any agent), the
 * initcall4j agent in its default mode (an application without initcalls: it should do almost
 * nothing), and in profile mode. Both tiny jars are written at set-up from this jar's classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Fork(2)
@Measurement(iterations = 15)
public class AgentOverheadBenchmark {

  /** Named apart from {@code ProfileStartupBenchmark}'s {@code agent}, so one run can set both. */
  @Param({"noop-agent", "none", "initcall-agent", "initcall-agent-profile"})
  String helloAgent;

  private ChildJvm hello;
  private Path dir;

  @Setup
  public void writeJars() throws IOException {
    dir = Files.createTempDirectory("agent-overhead");
    Path helloJar = NoopAgent.writeJar(dir.resolve("hello.jar"), HelloWorld.class, "Main-Class");
    List<String> args = new ArrayList<>();
    switch (helloAgent) {
      case "noop-agent" -> args.add("-javaagent:"
          + NoopAgent.writeJar(dir.resolve("noop-agent.jar")));
      case "initcall-agent" -> args.add("-javaagent:"
          + ChildJvm.repoFile("initcall4j.agent.jar", "agent/target/initcall-agent.jar"));
      case "initcall-agent-profile" -> args.add("-javaagent:"
          + ChildJvm.repoFile("initcall4j.agent.jar", "agent/target/initcall-agent.jar")
          + "=profile");
      default -> { }
    }
    args.addAll(List.of("-jar", helloJar.toString()));
    hello = new ChildJvm(ChildJvm.java(args.toArray(new String[0])));
  }

  @TearDown
  public void deleteJars() throws IOException {
    ChildJvm.deleteTree(dir);
  }

  /** The child JVM's CPU time (user + system, 10 ms ticks), a secondary result. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class ChildCpu {
    public double childCpuMs;
  }

  @Benchmark
  public int helloWorld(ChildCpu cpu) throws IOException {
    long before = ChildJvm.childrenCpuTicks();
    int status = hello.runToExit();
    cpu.childCpuMs += (ChildJvm.childrenCpuTicks() - before) * 10.0;
    return status;
  }

  /** A jar holding one class, named in the manifest under the given attribute. */
}
