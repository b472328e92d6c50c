package org.initcall4j.agent.report;

/**
 * Walks a text for an escaper: a whole surrogate pair (a supplementary character, such as an
 * emoji) is kept as it is, and every other UTF-16 unit, a lone surrogate included, is handed to
 * the escaper, which decides what each becomes in its format.
 */
final class TextUnits {
  /** What one UTF-16 unit that is not part of a pair becomes. */
  interface Escape {
    void append(StringBuilder out, char unit);
  }

  private TextUnits() {}

  static StringBuilder escape(StringBuilder out, String text, Escape escape) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else {
        escape.append(out, c);
      }
    }
    return out;
  }
}
