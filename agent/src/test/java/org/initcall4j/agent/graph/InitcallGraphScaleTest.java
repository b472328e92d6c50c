package org.initcall4j.agent.graph;

import static org.initcall4j.agent.graph.Specs.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.junit.jupiter.api.Test;

/** The graph in int arrays: the order of a plain model, and bytes, not objects, per edge. */
class InitcallGraphScaleTest {

  /** n initcalls, each after up to three earlier ones and some before a later one. */
  private static List<InitcallSpec> generate(Random random, int n) {
    InitLevel[] levels = InitLevel.values();
    List<InitcallSpec> specs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> after = new ArrayList<>();
      for (int e = random.nextInt(4); e > 0 && i > 0; e--) {
        after.add("n" + random.nextInt(i));
      }
      List<String> before = new ArrayList<>();
      if (i + 1 < n && random.nextInt(5) == 0) {
        before.add("n" + (i + 1 + random.nextInt(n - i - 1)));
      }
      // levels never decrease with i, so no edge contradicts them; many ties within a level
      InitLevel level = levels[(int) ((long) i * levels.length / n)];
      specs.add(new InitcallSpec("n" + i, level, "C", "m", after, before, null, false, false,
          "generated"));
    }
    Collections.shuffle(specs, random);
    return specs;
  }

  /** The definition, step by step: of all initcalls whose dependencies are done, the least. */
  private static List<String> modelOrder(List<InitcallSpec> specs) {
    List<InitcallSpec> left = new ArrayList<>(specs);
    List<String> done = new ArrayList<>();
    while (!left.isEmpty()) {
      InitcallSpec next = null;
      for (InitcallSpec candidate : left) {
        if (ready(candidate, left) && (next == null || less(candidate, next))) {
          next = candidate;
        }
      }
      left.remove(next);
      done.add(next.name());
    }
    return done;
  }

  private static boolean ready(InitcallSpec candidate, List<InitcallSpec> left) {
    for (InitcallSpec other : left) {
      if (candidate.after().contains(other.name()) || other.before().contains(candidate.name())) {
        return false;
      }
    }
    return true;
  }

  private static boolean less(InitcallSpec a, InitcallSpec b) {
    int byLevel = a.level().compareTo(b.level());
    return byLevel != 0 ? byLevel < 0 : a.name().compareTo(b.name()) < 0;
  }

  @Test
  void orderIsTheLeastReadyInitcallAtEveryStep() {
    Random random = new Random(17);
    for (int round = 0; round < 30; round++) {
      List<InitcallSpec> specs = generate(random, 1 + random.nextInt(120));
      List<String> order = InitcallGraph.plan(specs).order().stream().map(InitcallSpec::name)
          .toList();
      assertEquals(modelOrder(specs), order, "round " + round);
    }
  }

  @Test
  void prerequisitesAreDistinctEvenWhenAnEdgeIsDeclaredThreeWays() {
    BootPlan plan = InitcallGraph.plan(List.of(spec("a").before("c").build(),
        spec("b").build(), spec("c").after("a", "b", "a").build()));
    assertArrayEquals(new int[] {0, 1}, plan.prerequisites(plan.positionOf("c")));
  }

  @Test
  void beforeDeclaredBySubsystemHoldsForEachOfItsParts() {
    BootPlan plan = InitcallGraph.plan(List.of(spec("bus").before("app").build(),
        spec("hub").partOf("bus").build(), spec("port").partOf("hub").build(),
        spec("app").build(), spec("aaa").build()));
    assertEquals(List.of("aaa", "bus", "hub", "port", "app"),
        plan.order().stream().map(InitcallSpec::name).toList());
    assertArrayEquals(new int[] {1, 2, 3}, plan.prerequisites(plan.positionOf("app")));
  }

  @Test
  void orderingAllocatesArraysNotObjectsPerInitcallAndEdge() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = 20_000;
    List<InitcallSpec> specs = generate(new Random(23), n);
    long least = Long.MAX_VALUE;
    for (int run = 0; run < 5; run++) { // the least of a few runs: the first ones also load code
      long before = threads.getCurrentThreadAllocatedBytes();
      InitcallGraph.plan(specs);
      least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
    }
    // 92 bytes per initcall here (two edges each); with an object per node and per edge (Edge
    // records, their lists, boxed positions) it was 550
    assertTrue(least < 200L * n, least / n + " bytes per initcall");
  }
}
