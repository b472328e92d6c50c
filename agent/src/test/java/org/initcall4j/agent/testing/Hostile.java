package org.initcall4j.agent.testing;

import java.util.Random;

/**
 * Generates hostile text for randomised input tests: near-misses of valid input, control
 * characters, odd Unicode (lone surrogates, non-ASCII digits and spaces), huge values. The same
 * seed gives the same text, so a failure names its seed and can be replayed.
 */
public final class Hostile {
  private static final String[] ODD = {
      "\0", "\t", "\r", "\n", "\r\n", " ", "\u00a0", "\u2028", "\ufeff", "\ud800", "\udc00",
      "\ud835\udd38", "\u0663", "\uff15", "\u00e9", "=", "==", ",", ",,", ":", "\\", "\\\\", "#",
      "!", "-", ".", "..", "*", "%s", "${x}", "'", "\"", "0", "-1", "999999999999", "1e3",
      "0x10", "+5", "5 s", "5S", "ms", "s", "m", "h"};
  private final Random random;

  public Hostile(long seed) {
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  public boolean chance(int oneIn) {
    return random.nextInt(oneIn) == 0;
  }

  @SafeVarargs
  public final <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** Up to {@code max} pieces of odd text and random characters. */
  public String junk(int max) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(max + 1);
    for (int i = 0; i < pieces; i++) {
      text.append(chance(2) ? pick(ODD) : String.valueOf((char) random.nextInt(0x3000)));
    }
    return text.toString();
  }

  /** The text with one to three random edits: cut, doubled, junk inserted, truncated. */
  public String mutate(String text) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = out.length() == 0 ? 0 : random.nextInt(out.length() + 1);
      switch (random.nextInt(5)) {
        case 0 -> {
          if (at < out.length()) {
            out.deleteCharAt(at);
          }
        }
        case 1 -> out.insert(at, junk(3));
        case 2 -> out.insert(at, out.substring(at, Math.min(out.length(), at + 1 + random.nextInt(8))));
        case 3 -> out.setLength(at);
        default -> out.insert(at, pick(ODD));
      }
    }
    return out.toString();
  }

  /** A value far larger than any sane input. */
  public String huge() {
    return "x".repeat(50_000 + random.nextInt(50_000));
  }

  /** The text with non-printable characters escaped, for failure messages. */
  public static String show(String text) {
    StringBuilder out = new StringBuilder("\"");
    int limit = Math.min(text.length(), 300);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.append(text.length() > limit ? "...(" + text.length() + " chars)\"" : "\"")
        .toString();
  }
}
