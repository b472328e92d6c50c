package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlameListTest {

  @Test
  void slowestExclusiveFirstLimitedToTopWithNestingThreadAndFailure() {
    List<ClinitTiming> timings = List.of(
        new ClinitTiming("a.Outer", "main", 1, 0, 800_000_000, 300_000_000, null, false),
        new ClinitTiming("a.Inner", "main", 1, 1, 500_000_000, 500_000_000, "a.Outer", false),
        new ClinitTiming("a.Bad", "worker 2", 20, 2, 1_500, 1_500, null, true));

    assertEquals("""
        initcall4j profile: 3 static initializers timed, 800.002 ms exclusive in all; slowest 2:
           excl ms    incl ms  class [thread]
           500.000    500.000  a.Inner [main]  in a.Outer
           300.000    800.000  a.Outer [main]
        """.replace("\n", System.lineSeparator()), BlameList.format(timings, 2));
    assertEquals("     0.002      0.002  a.Bad [worker 2]  FAILED",
        BlameList.format(timings, 3).lines().toList().get(4));
  }

  @Test
  void emptyProfileSaysSo() {
    assertEquals("initcall4j profile: 0 static initializers timed, 0.000 ms exclusive in all;"
        + " slowest 0:", BlameList.format(List.of(), 20).lines().findFirst().orElseThrow());
  }

  /** The one-pass pick of the slowest gives what a full sort gives, ties broken by name. */
  @Test
  void slowestOfManyIsTheHeadOfTheFullOrder() {
    Random random = new Random(12);
    List<ClinitTiming> timings = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      // few distinct times, so that many tie and the name decides
      timings.add(new ClinitTiming("c.C" + random.nextInt(100_000), "main", 1, i, 0,
          random.nextInt(40) * 1_000L, null, false));
    }
    List<ClinitTiming> sorted = new ArrayList<>(timings);
    sorted.sort(Comparator.comparingLong(ClinitTiming::exclusiveNanos).reversed()
        .thenComparing(ClinitTiming::className));

    for (int top : new int[] {1, 20, 137, 1_999, 2_000, 5_000}) {
      assertEquals(sorted.subList(0, Math.min(top, sorted.size())),
          BlameList.slowest(timings, top), "top " + top);
    }
  }
}
