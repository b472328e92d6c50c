package org.initcall4j.agent.report;

/**
 * The little JSON the trace needs, written by hand: strings escaped so that any text from the
 * application (names, thread names, exception messages) stays one valid string, and times as
 * exact decimals.
 */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /**
   * Appends {@code text} as a JSON string: quote, backslash and control characters escaped, and
   * U+2028, U+2029 too (JavaScript readers); a lone surrogate, which no UTF-8 file can hold,
   * becomes U+FFFD. Null is written as {@code null}.
   */
  static StringBuilder string(StringBuilder out, String text) {
    if (text == null) {
      return out.append("null");
    }
    out.append('"');
    TextUnits.escape(out, text, JsonText::unit);
    return out.append('"');
  }

  private static void unit(StringBuilder out, char c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      default -> {
        if (Character.isSurrogate(c)) {
          out.append('\ufffd');
        } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
          out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
              .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
        } else {
          out.append(c);
        }
      }
    }
  }

  /** Nanoseconds as microseconds with three decimals, exactly: 1234567 ns is {@code 1234.567}. */
  static StringBuilder micros(StringBuilder out, long nanos) {
    if (nanos < 0) {
      out.append('-');
      nanos = -nanos;
    }
    long fraction = nanos % 1000;
    out.append(nanos / 1000).append('.');
    if (fraction < 100) {
      out.append(fraction < 10 ? "00" : "0");
    }
    return out.append(fraction);
  }

  /** Nanoseconds as milliseconds with six decimals, exactly. */
  static StringBuilder millis(StringBuilder out, long nanos) {
    if (nanos < 0) {
      out.append('-');
      nanos = -nanos;
    }
    String fraction = Long.toString(1_000_000 + nanos % 1_000_000).substring(1);
    return out.append(nanos / 1_000_000).append('.').append(fraction);
  }
}
