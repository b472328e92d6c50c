package org.initcall4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.AgentOptions;
import org.initcall4j.agent.control.ControlOptions;
import org.initcall4j.agent.control.ControlPlane;
import org.initcall4j.agent.jmx.InitcallsMBeanRegistration;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.RuntimeSettings;
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
 * How long from an operator's write to the control directory until the named deferred initcall
 * runs: {@code echo nN > deferred_initcalls}, against the same flush called in-process. The real
 * control plane (its thread, the directory, the JDK's WatchService) watches a temporary directory;
 * every invocation flushes a fresh deferred initcall, whose body only signals that it ran.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 10)
@Measurement(iterations = 40)
public class ControlReactionBenchmark {
  private static final int INITCALLS = 200;

  @Param({"controlFile", "inProcess"})
  String trigger;

  private final Semaphore ran = new Semaphore(0);
  private InitcallRuntime runtime;
  private Path directory;
  private Path deferred;
  private int next;

  @Setup(Level.Trial)
  public void start() throws Exception {
    List<InitcallSpec> specs = new ArrayList<>(INITCALLS);
    for (int i = 0; i < INITCALLS; i++) {
      specs.add(new InitcallSpec("n" + i, InitLevel.DEVICE, "C", "m", List.of(), List.of(), null,
          true, false, "generated"));
    }
    runtime = new InitcallRuntime(InitcallGraph.plan(specs), spec -> ran.release(),
        RuntimeSettings.defaults(), new PrintStream(PrintStream.nullOutputStream()));
    runtime.boot();
    directory = Files.createTempDirectory("initcall4j-bench").resolve("control");
    deferred = directory.resolve("deferred_initcalls");
    ControlPlane.start(AgentOptions.parse("control=" + directory
        + ",jmx=off,control.delay=0").control(), runtime, true, null,
        new InitcallsMBeanRegistration(null, null));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(deferred)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no control directory at " + directory);
      }
      Thread.sleep(10);
    }
  }

  @Benchmark
  public void flushOne() throws Exception {
    String name = "n" + next++;
    if (trigger.equals("controlFile")) {
      Files.write(deferred, (name + "\n").getBytes(StandardCharsets.UTF_8));
    } else {
      runtime.flush(name);
    }
    if (!ran.tryAcquire(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " did not run within 10 s of the write");
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(directory);
    Files.deleteIfExists(directory.getParent());
  }
}
