package org.initcall4j.agent.graph;

/**
 * Ints grouped by a key in two flat arrays (compressed sparse rows): group {@code k} is
 * {@code values[start[k]]} to {@code values[start[k + 1] - 1]}, in the order they were given.
 */
final class Groups {
  final int[] start;
  final int[] values;

  private Groups(int[] start, int[] values) {
    this.start = start;
    this.values = values;
  }

  /**
   * Groups {@code values[i]}, or {@code i} itself when {@code values} is null, by
   * {@code keys[i]} for {@code i < count}; a negative key leaves the item out. A counting sort:
   * O(count + groups), two arrays and no object per item.
   */
  static Groups of(int[] keys, int[] values, int count, int groups) {
    int[] start = new int[groups + 1];
    int items = 0;
    for (int i = 0; i < count; i++) {
      if (keys[i] >= 0) {
        start[keys[i] + 1]++;
        items++;
      }
    }
    for (int k = 0; k < groups; k++) {
      start[k + 1] += start[k];
    }
    int[] grouped = new int[items];
    // start[k] serves as group k's fill cursor, and ends at start[k + 1]: shifting it back by
    // one group restores the starts without a second array
    for (int i = 0; i < count; i++) {
      if (keys[i] >= 0) {
        grouped[start[keys[i]]++] = values == null ? i : values[i];
      }
    }
    System.arraycopy(start, 0, start, 1, groups);
    start[0] = 0;
    return new Groups(start, grouped);
  }
}
