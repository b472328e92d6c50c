package org.initcall4j.benchmarks;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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

/**
 * Checking and ordering a graph of n initcalls with about three edges each. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} divided by n is the allocation per initcall.
 *
 * <p>{@code graph=build} orders with this build's agent classes; {@code graph=baseline} with
 * those of {@link BaselineAgent}'s jar, loaded beside them, so that before and after come from
 * one run. Both are reached the same way, through a method handle, on specs made by reflection
 * from the same generated declarations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"}) // a fixed heap: GC sizing is not the subject
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class GraphOrderBenchmark {

  @Param({"1000", "10000", "100000"})
  int initcalls;

  @Param({"build"})
  String graph;

  private List<Object> specs;
  private MethodHandle plan;

  @Setup
  public void generate() throws ReflectiveOperationException, IOException {
    ClassLoader classes = graph.equals("baseline") ? BaselineAgent.loader()
        : GraphOrderBenchmark.class.getClassLoader();
    Class<?> spec = Class.forName("org.initcall4j.agent.model.InitcallSpec", true, classes);
    Class<?> level = Class.forName("org.initcall4j.agent.model.InitLevel", true, classes);
    Constructor<?> make = spec.getConstructor(String.class, level, String.class, String.class,
        List.class, List.class, String.class, boolean.class, boolean.class, String.class);
    Object[] levels = level.getEnumConstants();
    Random random = new Random(42);
    specs = new ArrayList<>(initcalls);
    for (int i = 0; i < initcalls; i++) {
      // levels never decrease with i, so edges to lower indexes never contradict them
      int levelOf = (int) ((long) i * levels.length / initcalls);
      List<String> after = new ArrayList<>();
      for (int e = 0; e < 3 && i > 0; e++) {
        after.add("n" + random.nextInt(i));
      }
      specs.add(make.newInstance("n" + i, levels[levelOf], "C", "m", after, List.of(), null,
          false, false, "generated"));
    }
    Class<?> graphClass = Class.forName("org.initcall4j.agent.graph.InitcallGraph", true,
        classes);
    Class<?> bootPlan = Class.forName("org.initcall4j.agent.graph.BootPlan", true, classes);
    plan = MethodHandles.publicLookup()
        .findStatic(graphClass, "plan", MethodType.methodType(bootPlan, List.class))
        .asType(MethodType.methodType(Object.class, List.class));
  }

  @Benchmark
  public Object order() throws Throwable {
    return plan.invokeExact(specs);
  }
}
