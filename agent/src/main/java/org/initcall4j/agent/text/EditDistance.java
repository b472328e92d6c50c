package org.initcall4j.agent.text;

/** Levenshtein distance, only used to suggest a name when one is misspelt. */
public final class EditDistance {
  private EditDistance() {}

  /**
   * The candidate a misspelt name most likely meant (nearest, first of ties), or null when none is
   * likely: at most two edits, and at most one edit per three characters of the name, so that a
   * short name is not "corrected" into an unrelated one ({@code net} is two edits from
   * {@code web}, two thirds of it).
   */
  public static String closest(String wanted, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Math.min(3, wanted.length() / 3 + 1);
    for (String candidate : candidates) {
      int distance = between(wanted, candidate, bestDistance);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Distance between a and b, or {@code limit} when it is at least that. */
  public static int between(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit) {
      return limit;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return Math.min(previous[b.length()], limit);
  }
}
