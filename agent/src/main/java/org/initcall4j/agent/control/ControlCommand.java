package org.initcall4j.agent.control;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.initcall4j.agent.model.InitcallName;

/**
 * One command written to {@code deferred_initcalls}: {@code 1} flushes every deferred initcall
 * (as {@code echo 1 > /proc/deferred_initcalls} does in the kernel), an initcall's name flushes
 * it and what it needs, a group's name every part of it not run yet (and what they need). One
 * line; a trailing newline is fine. Everything else is rejected.
 *
 * @param name the initcall or group to flush, or null for all
 */
record ControlCommand(String name) {
  static final String USAGE = "write 1 to flush every deferred initcall, or one initcall's name"
      + " to flush it and what it needs, or a group's name to flush its parts";

  boolean all() {
    return name == null;
  }

  /** {@link #parse(byte[], Predicate, UnaryOperator)} without suggestions. */
  static ControlCommand parse(byte[] bytes, Predicate<String> known)
      throws RejectedInputException {
    return parse(bytes, known, name -> null);
  }

  /**
   * Parses what was written.
   *
   * @param known whether an initcall or a group of that name exists
   * @param closest a known name close to an unknown one, or null when none is
   * @return the command, or null when nothing was written yet (an empty file: a shell's
   *     {@code >} truncates before it writes)
   * @throws RejectedInputException saying what is wrong and what to write
   */
  static ControlCommand parse(byte[] bytes, Predicate<String> known,
      UnaryOperator<String> closest)
      throws RejectedInputException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new RejectedInputException("what was written is not UTF-8 text; " + USAGE);
    }
    String line = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
        : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new RejectedInputException(quote(text) + " has more than one line; " + USAGE
          + ", one command per write");
    }
    line = line.strip();
    if (line.isEmpty()) {
      if (text.isEmpty()) {
        return null;
      }
      throw new RejectedInputException("a blank line is not a command; " + USAGE);
    }
    if (line.equals("1")) {
      return new ControlCommand(null);
    }
    if (!InitcallName.isValid(line)) {
      throw new RejectedInputException(quote(line) + " is neither 1 nor an initcall name; "
          + USAGE);
    }
    if (!known.test(line)) {
      String hint = closest.apply(line);
      throw new RejectedInputException("no initcall named " + quote(line)
          + (hint == null ? "" : "; did you mean '" + hint + "'?") + "; " + USAGE
          + " (cat initcalls lists them)");
    }
    return new ControlCommand(line);
  }

  /** The text in quotes, control characters escaped and cut short, so the error stays one line. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    int limit = Math.min(text.length(), 60);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(text.length() > limit ? "...'" : "'").toString();
  }
}
