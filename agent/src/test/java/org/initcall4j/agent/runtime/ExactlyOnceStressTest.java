package org.initcall4j.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.initcall4j.agent.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * Flushes (as the API, the control file and JMX call them) racing with on-demand {@code require}
 * from many application threads, over many random graphs, sequential and with the pool: every
 * initcall runs exactly once, and whoever returns from {@code require} sees the effects of the
 * initcall and of everything it needs, through plain (non-volatile) writes.
 */
class ExactlyOnceStressTest {
  private static final int REPETITIONS = 400;
  private static final int THREADS = 8;

  @Test
  void racingFlushesAndRequiresRunEveryInitcallOnceAndPublishItsEffects() throws Exception {
    for (long seed = 1; seed <= REPETITIONS; seed++) {
      try {
        round(seed);
      } catch (AssertionError | Exception e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  /** Plain fields written by initcalls: no volatile, no lock of their own. */
  private static final class Effects {
    final int[] value;

    Effects(int n) {
      value = new int[n];
    }
  }

  private static void round(long seed) throws Exception {
    Random random = new Random(seed);
    RandomGraphs.Graph graph = RandomGraphs.generate(random, 5 + random.nextInt(25), 1.0);
    int n = graph.specs().size();
    AtomicIntegerArray runs = new AtomicIntegerArray(n);
    Effects effects = new Effects(n);
    Invoker invoker = spec -> {
      int i = RandomGraphs.index(spec);
      runs.incrementAndGet(i);
      if (i % 3 == 0) {
        Thread.yield();
      }
      effects.value[i] = i + 1;
      if (graph.failing()[i]) {
        throw new IllegalStateException("fails on purpose");
      }
    };
    RuntimeSettings settings = seed % 2 == 0
        ? new RuntimeSettings(seed % 4 == 0, 2, 0, false, 10_000) : RuntimeSettings.defaults();
    InitcallRuntime runtime = graph.runtime(invoker, settings);
    runtime.boot();
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long threadSeed = seed * 1000 + t;
      Thread thread = new Thread(() -> hammer(runtime, effects, threadSeed, n, start, problems),
          "app-" + t);
      threads.add(thread);
      thread.start();
    }
    Await.ended(Duration.ofSeconds(30), threads.toArray(new Thread[0]));
    assertTrue(problems.isEmpty(), problems.toString());
    runtime.flushAll();
    for (InitcallRecord record : runtime.records()) {
      int i = RandomGraphs.index(record.spec());
      int expected = record.state() == InitcallState.SKIPPED ? 0 : 1;
      assertEquals(expected, runs.get(i), record.name() + " " + record.outcome());
    }
  }

  private static void hammer(InitcallRuntime runtime, Effects effects, long seed, int n,
      CyclicBarrier start, Queue<String> problems) {
    Random random = new Random(seed);
    try {
      start.await();
      for (int op = 0; op < 4; op++) {
        InitcallRecord target = runtime.records().get(random.nextInt(n));
        switch (random.nextInt(4)) {
          case 0 -> runtime.flushAll();
          case 1 -> runtime.flush(target.name());
          default -> requireAndCheck(runtime, effects, target, problems);
        }
      }
    } catch (Exception | AssertionError e) {
      problems.add(Thread.currentThread().getName() + ": " + e);
    }
  }

  /** The record and everything it needs, transitively. */
  private static List<InitcallRecord> withPrerequisites(InitcallRecord target) {
    List<InitcallRecord> all = new ArrayList<>(List.of(target));
    for (int i = 0; i < all.size(); i++) {
      for (InitcallRecord need : all.get(i).prerequisites()) {
        if (!all.contains(need)) {
          all.add(need);
        }
      }
    }
    return all;
  }

  private static void requireAndCheck(InitcallRuntime runtime, Effects effects,
      InitcallRecord target, Queue<String> problems) {
    try {
      runtime.require(target.name());
    } catch (IllegalStateException e) {
      if (target.state() == InitcallState.DONE || !target.state().isTerminal()) {
        problems.add("require(" + target.name() + ") threw although " + target.outcome() + ": " + e);
      }
      return;
    }
    for (InitcallRecord seen : withPrerequisites(target)) {
      int i = RandomGraphs.index(seen.spec());
      if (effects.value[i] != i + 1) {
        problems.add("after require(" + target.name() + "), the effect of " + seen.name()
            + " is not visible");
      }
    }
  }
}
