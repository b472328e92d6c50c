package org.initcall4j.agent.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankSetTest {

  @Test
  void givesUpTheSmallestLikeAPriorityQueueAcrossWordAndLevelBoundaries() {
    Random random = new Random(11);
    // sizes at the edges of a word (64) and of a second level (64 * 64)
    for (int size : new int[] {1, 2, 63, 64, 65, 4095, 4096, 4097, 300_000}) {
      RankSet set = new RankSet(size);
      PriorityQueue<Integer> expected = new PriorityQueue<>();
      boolean[] in = new boolean[size];
      for (int step = 0; step < 20_000; step++) {
        if (!expected.isEmpty() && random.nextInt(3) == 0) {
          int smallest = expected.poll();
          in[smallest] = false;
          assertEquals(smallest, set.poll(), "size " + size + ", step " + step);
        } else {
          // the sort adds each rank once; so does this model
          int rank = random.nextBoolean() ? random.nextInt(size) : size - 1 - random.nextInt(
              Math.min(size, 70));
          if (!in[rank]) {
            in[rank] = true;
            expected.add(rank);
            set.add(rank);
          }
        }
        assertEquals(expected.isEmpty(), set.isEmpty());
      }
      while (!expected.isEmpty()) {
        assertEquals((int) expected.poll(), set.poll());
      }
      assertTrue(set.isEmpty());
    }
  }
}
