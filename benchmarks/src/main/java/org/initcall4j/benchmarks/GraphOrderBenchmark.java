package org.initcall4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.graph.BootPlan;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
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
import org.openjdk.jmh.annotations.Warmup;

/** Checking and ordering a graph of n initcalls with about three edges each. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"}) // a fixed heap: GC sizing is not the subject
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class GraphOrderBenchmark {

  @Param({"1000", "10000", "100000"})
  int initcalls;

  List<InitcallSpec> specs;

  @Setup
  public void generate() {
    Random random = new Random(42);
    InitLevel[] levels = InitLevel.values();
    specs = new ArrayList<>(initcalls);
    int[] levelOf = new int[initcalls];
    for (int i = 0; i < initcalls; i++) {
      // levels never decrease with i, so edges to lower indexes never contradict them
      levelOf[i] = (int) ((long) i * levels.length / initcalls);
      List<String> after = new ArrayList<>();
      for (int e = 0; e < 3 && i > 0; e++) {
        after.add("n" + random.nextInt(i));
      }
      specs.add(new InitcallSpec("n" + i, levels[levelOf[i]], "C", "m", after, List.of(), null,
          false, false, "generated"));
    }
  }

  @Benchmark
  public BootPlan order() {
    return InitcallGraph.plan(specs);
  }
}
