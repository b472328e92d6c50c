package org.initcall4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.initcall4j.benchmarks.startup.ChildJvm;
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
 * {@link ProfileStartupBenchmark}'s main rows measured interleaved: each invocation runs the
 * program once in every way ({@link #WAYS}), starting one further along the list each time, so
 * that load from other work on a shared machine falls on every way alike; run one after another,
 * rows measured minutes apart can differ by a third on a busy 2-core machine. The primary score,
 * the time of one round, means little: the secondary results are each way's CPU time
 * ({@code <way>CpuMs}) and wall time ({@code <way>Ms}), summed over the measured rounds (Clojure
 * has no {@code suggested} way: see {@link #prepare}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 10)
public class InterleavedStartupBenchmark {
  /** The ways each round runs the program, named as {@link ProfileStartupBenchmark#agent}. */
  static final List<String> WAYS = List.of("none", "noop", "agent", "profile", "config",
      "config-lean", "suggested");

  @Param({"h2", "clojure", "spring", "groovy"})
  String program;

  /** Whose agent jar: this checkout's, or that of the checkout in the directory named. */
  @Param({"this"})
  String agentOf;

  private final List<ProgramRun> runs = new ArrayList<>();
  private Path scratch;
  private int round;

  @Setup(Level.Trial)
  public void prepare() throws IOException, InterruptedException {
    Path repo = ProgramRun.repo();
    Path jar = ProgramRun.agentJar(agentOf);
    scratch = Files.createTempDirectory("initcall4j-bench");
    for (String way : WAYS) {
      // Clojure loads each namespace from a static initializer that Class.forName runs: deferred,
      // it never runs, and the program stops. One profile run cannot tell; advise's check can.
      if (!(way.equals("suggested") && program.equals("clojure"))) {
        runs.add(new ProgramRun(program, way, repo, jar, scratch));
      }
    }
  }

  @TearDown(Level.Trial)
  public void deleteScratch() throws IOException {
    ChildJvm.deleteTree(scratch);
  }

  /** Each way's CPU and wall time, summed over the iteration's round. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Ways {
    public double noneCpuMs;
    public double noopCpuMs;
    public double agentCpuMs;
    public double profileCpuMs;
    public double configCpuMs;
    public double configLeanCpuMs;
    public double suggestedCpuMs;
    public double noneMs;
    public double noopMs;
    public double agentMs;
    public double profileMs;
    public double configMs;
    public double configLeanMs;
    public double suggestedMs;

    void add(String way, double cpuMs, double wallMs) {
      switch (way) {
        case "none" -> { noneCpuMs += cpuMs; noneMs += wallMs; }
        case "noop" -> { noopCpuMs += cpuMs; noopMs += wallMs; }
        case "agent" -> { agentCpuMs += cpuMs; agentMs += wallMs; }
        case "profile" -> { profileCpuMs += cpuMs; profileMs += wallMs; }
        case "config" -> { configCpuMs += cpuMs; configMs += wallMs; }
        case "config-lean" -> { configLeanCpuMs += cpuMs; configLeanMs += wallMs; }
        case "suggested" -> { suggestedCpuMs += cpuMs; suggestedMs += wallMs; }
        default -> throw new IllegalArgumentException(way);
      }
    }
  }

  @Benchmark
  public int round(Ways ways) throws IOException, InterruptedException {
    for (int i = 0; i < runs.size(); i++) {
      ProgramRun run = runs.get((round + i) % runs.size());
      long start = System.nanoTime();
      double cpuMs = run.run();
      double wallMs = (System.nanoTime() - start) / 1e6;
      run.stop(); // the web shop runs on after its line: not part of its time
      ways.add(run.agent(), cpuMs, wallMs);
    }
    return round++;
  }
}
