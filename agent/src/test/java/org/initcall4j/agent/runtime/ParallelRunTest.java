package org.initcall4j.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.initcall4j.agent.model.InitcallSpec;
import org.junit.jupiter.api.Test;

/**
 * Boot and flush with the pool over many random graphs: every edge honoured, every initcall run
 * at most once, failures and skips exactly as the sequential runtime gives them, threads as
 * promised.
 */
class ParallelRunTest {

  @Test
  void randomGraphsRunInParallelWithTheSameOutcomeAsSequentially() {
    for (long seed = 1; seed <= 300; seed++) {
      try {
        check(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private static void check(long seed) {
    Random random = new Random(seed);
    RandomGraphs.Graph graph = RandomGraphs.generate(random, 1 + random.nextInt(40), 0.3);
    int n = graph.specs().size();
    RuntimeSettings settings = new RuntimeSettings(random.nextBoolean(), 1 + random.nextInt(4), 0,
        false, 10_000);
    Thread caller = Thread.currentThread();
    AtomicInteger clock = new AtomicInteger();
    AtomicIntegerArray started = new AtomicIntegerArray(n);
    AtomicIntegerArray ended = new AtomicIntegerArray(n);
    Map<String, String> threads = new ConcurrentHashMap<>();
    InitcallRuntime[] holder = new InitcallRuntime[1];
    Invoker invoker = spec -> {
      int i = RandomGraphs.index(spec);
      if (!started.compareAndSet(i, 0, clock.incrementAndGet())) {
        fail(spec.name() + " ran twice");
      }
      threads.put(spec.name(), Thread.currentThread().getName());
      for (InitcallRecord need : holder[0].find(spec.name()).prerequisites()) {
        int j = RandomGraphs.index(need.spec());
        if (ended.get(j) == 0) {
          fail(spec.name() + " started before its prerequisite " + need.name() + " ended");
        }
      }
      ended.set(i, clock.incrementAndGet());
      if (graph.failing()[i]) {
        throw new IllegalStateException("fails on purpose");
      }
    };
    InitcallRuntime runtime = graph.runtime(invoker, settings);
    holder[0] = runtime;
    runtime.boot();
    for (InitcallRecord record : runtime.records()) {
      if (!record.spec().deferred()) {
        assertTrue(record.state().isTerminal(), "boot returned before " + record.name() + " ended");
      } else {
        assertEquals(InitcallState.DEFERRED, record.state(), record.name());
      }
    }
    runtime.flushAll();
    for (InitcallRecord record : runtime.records()) {
      InitcallSpec spec = record.spec();
      assertEquals(expected(runtime, record, graph.failing()), record.state(), spec.name());
      String thread = threads.get(spec.name());
      if (thread == null) {
        continue;
      }
      if (settings.onPool(record)) {
        assertTrue(thread.startsWith("initcall-"), spec.name() + " ran on " + thread);
      } else {
        assertEquals(caller.getName(), thread, spec.name() + " must stay on the calling thread");
      }
    }
  }

  /** The sequential outcome: failed when it throws, skipped when a prerequisite is not done. */
  private static InitcallState expected(InitcallRuntime runtime, InitcallRecord record,
      boolean[] failing) {
    for (InitcallRecord need : record.prerequisites()) {
      if (expected(runtime, need, failing) != InitcallState.DONE) {
        return InitcallState.SKIPPED;
      }
    }
    return failing[RandomGraphs.index(record.spec())] ? InitcallState.FAILED : InitcallState.DONE;
  }

  @Test
  void nonAsyncInitcallsKeepTheirSequentialOrderWhenOthersRunOnThePool() {
    for (long seed = 1; seed <= 100; seed++) {
      Random random = new Random(seed);
      RandomGraphs.Graph graph = RandomGraphs.generate(random, 2 + random.nextInt(30), 0);
      StringBuilder order = new StringBuilder();
      Invoker invoker = spec -> {
        if (!spec.async()) {
          order.append(spec.name()).append(' ');
        }
      };
      InitcallRuntime runtime = graph.runtime(invoker, new RuntimeSettings(false, 2, 0, false,
          10_000));
      runtime.boot();
      StringBuilder planned = new StringBuilder();
      for (InitcallRecord record : runtime.records()) {
        if (!record.spec().async()) {
          planned.append(record.name()).append(' ');
        }
      }
      assertEquals(planned.toString(), order.toString(), "seed " + seed);
    }
  }
}
