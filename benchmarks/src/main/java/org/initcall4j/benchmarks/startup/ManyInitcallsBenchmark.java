package org.initcall4j.benchmarks.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.initcall4j.benchmarks.BaselineAgent;
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
 * Time from launching {@code java} to {@code ran 5000}: an application whose 5 000 trivial
 * initcalls (see {@link ManyInitcallsApp}, generated and compiled at set-up) are booted by the
 * agent from the index ({@code agent}), against the same methods called from {@code main}
 * without an agent ({@code main}). The difference is the agent's machinery for 5 000 initcalls:
 * reading the index, ordering, and calling each through reflection. {@code agent-baseline} boots
 * them with {@link BaselineAgent}'s jar instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Fork(2)
@Measurement(iterations = 10)
public class ManyInitcallsBenchmark {
  static final int INITCALLS = 5_000;

  @Param({"main", "agent"})
  String mode;

  private Path dir;
  private ChildJvm app;

  @Setup(Level.Trial)
  public void writeApp() throws IOException {
    Path agentJar = ChildJvm.repoFile("initcall4j.agent.jar", "agent/target/initcall-agent.jar");
    dir = Files.createTempDirectory("many-initcalls");
    String jar = ManyInitcallsApp.write(dir, INITCALLS, agentJar).toString();
    app = new ChildJvm(switch (mode) {
      case "main" -> ChildJvm.java("-cp", jar, ManyInitcallsApp.MAIN, "call");
      case "agent" -> ChildJvm.java("-javaagent:" + agentJar, "-cp", jar, ManyInitcallsApp.MAIN);
      case "agent-baseline" -> ChildJvm.java("-javaagent:" + BaselineAgent.jar(), "-cp", jar,
          ManyInitcallsApp.MAIN);
      default -> throw new IllegalArgumentException("mode " + mode);
    });
  }

  @Benchmark
  public String bootAll() throws IOException {
    String line = app.awaitLine("ran ");
    if (!line.equals("ran " + INITCALLS)) {
      throw new IllegalStateException("expected every initcall to run once, got '" + line + "'");
    }
    return line;
  }

  @TearDown(Level.Invocation)
  public void stop() throws InterruptedException {
    app.stop();
  }

  @TearDown(Level.Trial)
  public void deleteApp() throws IOException {
    ChildJvm.deleteTree(dir);
  }
}
