package org.initcall4j.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.graph.BootPlan;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.Invoker;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Boot time of a synthetic graph of 24 initcalls with known durations (2 to 20 ms each, up to two
 * prerequisites each), run sequentially and with every initcall async on a pool of 2 threads, on
 * the real runtime. The initcalls either sleep (I/O-like) or compute (CPU-bound: a fixed amount of
 * work per "millisecond", the same in every trial, so trials compare; its real length is what the
 * sequential score shows). The setup prints the sum of the durations (the sequential ideal) and the
 * critical path (the parallel ideal with enough cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class ParallelBootBenchmark {
  private static final int INITCALLS = 24;
  private static final int THREADS = 2;

  @Param({"sequential", "async"})
  String mode;

  @Param({"sleep", "cpu"})
  String work;

  private BootPlan plan;
  private int[] millis;
  /** Iterations of {@link #compute} per unit of CPU work, fixed so every trial does the same work. */
  private static final long WORK_PER_MILLI = 500_000;
  private InitcallRuntime runtime;
  /** Keeps the computed values alive so the JIT cannot drop the work. */
  public volatile long sink;

  @Setup(Level.Trial)
  public void graph() {
    Random random = new Random(42);
    List<InitcallSpec> specs = new ArrayList<>(INITCALLS);
    millis = new int[INITCALLS];
    long[] finish = new long[INITCALLS];
    long sum = 0;
    long critical = 0;
    for (int i = 0; i < INITCALLS; i++) {
      millis[i] = 2 + random.nextInt(19);
      List<String> after = new ArrayList<>();
      long start = 0;
      for (int e = random.nextInt(3); e > 0 && i > 0; e--) {
        int need = random.nextInt(i);
        if (!after.contains("n" + need)) {
          after.add("n" + need);
          start = Math.max(start, finish[need]);
        }
      }
      finish[i] = start + millis[i];
      sum += millis[i];
      critical = Math.max(critical, finish[i]);
      specs.add(new InitcallSpec("n" + i, InitLevel.DEVICE, "C", "m", after, List.of(), null,
          false, false, "generated"));
    }
    plan = InitcallGraph.plan(specs);
    System.out.printf("%ninitcalls=%d sum=%d ms critical path=%d ms ideal on %d threads >= %d ms%n",
        INITCALLS, sum, critical, THREADS, Math.max(critical, (sum + THREADS - 1) / THREADS));
  }

  @Setup(Level.Invocation)
  public void runtime() {
    RuntimeSettings settings = mode.equals("async")
        ? new RuntimeSettings(true, THREADS, 0, false, RuntimeSettings.DEFAULT_STALL_MILLIS)
        : RuntimeSettings.defaults();
    Invoker invoker = spec -> {
      int ms = millis[Integer.parseInt(spec.name().substring(1))];
      if (work.equals("sleep")) {
        Thread.sleep(ms);
      } else {
        sink = compute(ms * WORK_PER_MILLI);
      }
    };
    runtime = new InitcallRuntime(plan, invoker, settings,
        new PrintStream(PrintStream.nullOutputStream()));
  }

  @Benchmark
  public int boot() {
    return runtime.boot();
  }

  /** A xorshift loop the JIT cannot fold away. */
  private static long compute(long iterations) {
    long x = 88172645463325252L;
    for (long i = 0; i < iterations; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }
}
