package org.initcall4j.agent.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GroupsTest {

  @Test
  void groupsValuesByKeyInTheOrderGivenAndLeavesOutNegativeKeys() {
    int[] keys = {2, 0, 2, -1, 0, 2, 3};
    int[] values = {10, 11, 12, 13, 14, 15, 16};

    Groups byKey = Groups.of(keys, values, keys.length, 4);

    assertArrayEquals(new int[] {0, 2, 2, 5, 6}, byKey.start);
    assertArrayEquals(new int[] {11, 14, 10, 12, 15, 16}, byKey.values);
  }

  @Test
  void withoutValuesGroupsTheIndexesAndReadsOnlyCountKeys() {
    int[] keys = {1, 0, 1, 0, 1};

    Groups byKey = Groups.of(keys, null, 3, 2);

    assertArrayEquals(new int[] {0, 1, 3}, byKey.start);
    assertArrayEquals(new int[] {1, 0, 2}, Arrays.copyOf(byKey.values, 3));
  }
}
