package org.initcall4j.agent.graph;

/**
 * The ready set: a set of ranks {@code 0..size-1} that gives up its smallest, as a tree of bit
 * words (each bit of a word above says whether the word below it has a bit set). Taking the
 * smallest reads one word per level, about three at 100k initcalls, where a binary heap moves
 * entries through 17 levels; and it takes one bit per rank, not an int.
 */
final class RankSet {
  /** {@code levels[0]} has a bit per rank; each next level a bit per word of the one before. */
  private final long[][] levels;

  RankSet(int size) {
    int depth = 1;
    for (int words = wordsFor(size); words > 1; words = wordsFor(words)) {
      depth++;
    }
    levels = new long[depth][];
    int bits = size;
    for (int level = 0; level < depth; level++) {
      levels[level] = new long[wordsFor(bits)];
      bits = levels[level].length;
    }
  }

  private static int wordsFor(int bits) {
    return Math.max(1, (bits + 63) >>> 6);
  }

  boolean isEmpty() {
    return levels[levels.length - 1][0] == 0;
  }

  void add(int rank) {
    int at = rank;
    for (long[] words : levels) {
      long before = words[at >>> 6];
      words[at >>> 6] = before | 1L << at;
      if (before != 0) {
        return; // the levels above already know this word has a bit set
      }
      at >>>= 6;
    }
  }

  /** Removes and returns the smallest rank; the set must not be empty. */
  int poll() {
    int at = 0;
    for (int level = levels.length - 1; level >= 0; level--) {
      at = (at << 6) + Long.numberOfTrailingZeros(levels[level][at]);
    }
    int rank = at;
    for (long[] words : levels) {
      words[at >>> 6] &= ~(1L << at);
      if (words[at >>> 6] != 0) {
        break; // the word still has a bit set: the levels above stay as they are
      }
      at >>>= 6;
    }
    return rank;
  }
}
