package org.initcall4j.agent.graph;

/**
 * Names to ids 0, 1, 2... (the index of each name in {@code names}), an open-addressing table of
 * ints: no entry or boxed id per name, as a {@code HashMap<String, Integer>} would make.
 */
final class NameIndex {
  private final String[] names;
  /** id + 1 of the name hashed to that slot (or, on a collision, a later one); 0 is empty. */
  private final int[] slots;
  private final int mask;
  private final int shift;

  /** An empty index over {@code names}, which {@link #add} fills in id order. */
  NameIndex(String[] names) {
    this.names = names;
    // at most half full, so a probe sequence stays short
    int capacity = Integer.highestOneBit(Math.max(2, names.length) * 2 - 1) * 2;
    this.slots = new int[capacity];
    this.mask = capacity - 1;
    this.shift = Integer.numberOfLeadingZeros(mask);
  }

  /** Adds {@code names[id]}; returns the id that already has that name, or -1 when none did. */
  int add(int id) {
    String name = names[id];
    int slot = slotOf(name);
    if (slots[slot] != 0) {
      return slots[slot] - 1;
    }
    slots[slot] = id + 1;
    return -1;
  }

  /** The id of {@code name}, or -1. */
  int find(String name) {
    int slot = slotOf(name);
    return slots[slot] - 1;
  }

  /** The slot that holds {@code name}, or the empty one where it would go. */
  private int slotOf(String name) {
    // Fibonacci hashing: names like n1, n2... have hashes in runs and strides that a mask alone
    // packs into long probe sequences; multiplying spreads them (it cost 60 % of the time at 100k)
    int slot = (name.hashCode() * 0x9E3779B9) >>> shift;
    while (slots[slot] != 0 && !names[slots[slot] - 1].equals(name)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }
}
