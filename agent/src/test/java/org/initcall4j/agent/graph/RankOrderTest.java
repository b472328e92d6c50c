package org.initcall4j.agent.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.junit.jupiter.api.Test;

class RankOrderTest {

  @Test
  void ranksByLevelThenByStringCompareTo() {
    Random random = new Random(5);
    InitLevel[] levels = InitLevel.values();
    // enough names per level to take the merge path, with case, prefixes and non-Latin-1 names
    String[] stems = {"a", "A", "a-b", "ab", "Ab", "é", "ü", "z", "Z", "日本", "_", "a0", "a10"};
    List<InitcallSpec> specs = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String name = stems[random.nextInt(stems.length)] + random.nextInt(500) + "." + i;
      specs.add(new InitcallSpec(name, levels[random.nextInt(levels.length)], "C", "m",
          List.of(), List.of(), null, false, false, "generated"));
    }
    Nodes nodes = Nodes.of(specs, new ArrayList<>());

    int[] byRank = RankOrder.byLevelThenName(nodes);

    Integer[] expected = new Integer[nodes.count];
    Arrays.setAll(expected, id -> id);
    Arrays.sort(expected, Comparator.<Integer, InitLevel>comparing(id -> specs.get(id).level())
        .thenComparing(id -> specs.get(id).name()));
    assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), byRank);
  }
}
