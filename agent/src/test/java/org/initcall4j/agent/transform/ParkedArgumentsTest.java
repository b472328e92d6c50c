package org.initcall4j.agent.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** A parked call's arrays are copied, deep, once each; other arguments are kept as they are. */
class ParkedArgumentsTest {
  @Test
  void arraysOfEveryKindAreCopiedAndOtherArgumentsKept() {
    String text = "kept";
    Object[] kinds = {new byte[] {1}, new char[] {'c'}, new int[] {2}, new long[] {3},
        new double[] {4}, new float[] {5}, new short[] {6}, new boolean[] {true},
        new String[] {"s"}, text, 7, null};
    Object[] originals = kinds.clone();

    Object[] copied = ParkedArguments.copy(kinds);

    for (int i = 0; i < 9; i++) {
      assertNotSame(originals[i], copied[i], "argument " + i);
    }
    assertArrayEquals(new byte[] {1}, (byte[]) copied[0]);
    assertArrayEquals(new boolean[] {true}, (boolean[]) copied[7]);
    assertArrayEquals(new String[] {"s"}, (String[]) copied[8]);
    assertSame(text, copied[9]);
    assertEquals(7, copied[10]);
  }

  @Test
  void arraysOfArraysAreCopiedDeepSoLaterChangesAreNotReplayed() {
    char[][] rows = {{'a'}, {'b'}};
    Object[] copied = ParkedArguments.copy(new Object[] {rows});
    rows[0][0] = 'x';
    rows[1] = new char[] {'y'};

    char[][] kept = (char[][]) copied[0];
    assertEquals('a', kept[0][0]);
    assertEquals('b', kept[1][0]);
  }

  @Test
  void anArrayReachedTwiceIsCopiedOnceAndCyclesEnd() {
    int[] shared = {1};
    Object[] cycle = new Object[2];
    cycle[0] = cycle;
    cycle[1] = shared;

    Object[] copied = ParkedArguments.copy(new Object[] {shared, shared, cycle});

    assertSame(copied[0], copied[1], "aliasing kept: one array passed twice stays one");
    Object[] cycleCopy = (Object[]) copied[2];
    assertNotSame(cycle, cycleCopy);
    assertSame(cycleCopy, cycleCopy[0], "the cycle points at the copy, not the original");
    assertSame(copied[0], cycleCopy[1]);
  }

  @Test
  void deepNestingDoesNotOverflowTheStack() {
    Object[] deep = new Object[1];
    Object[] innermost = deep;
    for (int i = 0; i < 100_000; i++) {
      Object[] next = new Object[1];
      innermost[0] = next;
      innermost = next;
    }
    innermost[0] = "bottom";

    Object[] copied = (Object[]) ParkedArguments.copy(new Object[] {deep})[0];

    Object[] walk = copied;
    for (int i = 0; i < 100_000; i++) {
      walk = (Object[]) walk[0];
    }
    assertEquals("bottom", walk[0]);
  }

  @Test
  void noArgumentsGiveAnEmptyArray() {
    assertEquals(0, ParkedArguments.copy(null).length);
  }
}
