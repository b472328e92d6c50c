package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
}
