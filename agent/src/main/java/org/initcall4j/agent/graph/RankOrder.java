package org.initcall4j.agent.graph;

/**
 * The tie-break as one sort: ids by level, then by name in {@link String#compareTo} order. The
 * ready set then compares the ranks this gives, plain ints, instead of names at every step.
 */
final class RankOrder {
  /** Runs this short are sorted by insertion; merging them costs more than it saves. */
  private static final int INSERTION_RUN = 16;

  private RankOrder() {}

  /** Ids {@code 0..count-1} by rank: element {@code r} is the id of rank {@code r}. */
  static int[] byLevelThenName(Nodes nodes) {
    int levels = 0;
    for (int id = 0; id < nodes.count; id++) {
      levels = Math.max(levels, nodes.levels[id] + 1);
    }
    // levels first, by counting: ids keep their order within a level, names are sorted next
    int[] levelStart = new int[levels + 1];
    for (int id = 0; id < nodes.count; id++) {
      levelStart[nodes.levels[id] + 1]++;
    }
    for (int level = 0; level < levels; level++) {
      levelStart[level + 1] += levelStart[level];
    }
    int[] byRank = new int[nodes.count];
    int[] next = levelStart.clone();
    for (int id = 0; id < nodes.count; id++) {
      byRank[next[nodes.levels[id]]++] = id;
    }
    int[] scratch = new int[nodes.count];
    for (int level = 0; level < levels; level++) {
      sortByName(byRank, levelStart[level], levelStart[level + 1], scratch, nodes.names);
    }
    return byRank;
  }

  /** Merge sort of {@code ids[from..to)} by name; {@code scratch} is at least as long. */
  private static void sortByName(int[] ids, int from, int to, int[] scratch, String[] names) {
    if (to - from <= INSERTION_RUN) {
      for (int i = from + 1; i < to; i++) {
        int id = ids[i];
        int j = i - 1;
        for (; j >= from && names[ids[j]].compareTo(names[id]) > 0; j--) {
          ids[j + 1] = ids[j];
        }
        ids[j + 1] = id;
      }
      return;
    }
    int middle = (from + to) >>> 1;
    sortByName(ids, from, middle, scratch, names);
    sortByName(ids, middle, to, scratch, names);
    if (names[ids[middle - 1]].compareTo(names[ids[middle]]) <= 0) {
      return; // already in order, as names declared in sequence often are
    }
    System.arraycopy(ids, from, scratch, from, to - from);
    int left = from;
    int right = middle;
    for (int out = from; out < to; out++) {
      boolean takeLeft = right >= to
          || left < middle && names[scratch[left]].compareTo(names[scratch[right]]) <= 0;
      if (takeLeft) {
        ids[out] = scratch[left++];
      } else {
        ids[out] = scratch[right++];
      }
    }
  }
}
