package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.initcall4j.agent.testing.Hostile;
import org.junit.jupiter.api.Test;

/**
 * Randomised writes to {@code deferred_initcalls} (commands mutated, junk, invalid UTF-8, many
 * lines, long text): each is a flush of everything (exactly {@code 1}), a flush of a known
 * initcall (exactly its name), nothing yet (an empty write), or rejected with a one-line message;
 * no other exception escapes. The forked-JVM side is in {@code ControlFuzzIT}.
 */
class ControlCommandFuzzTest {
  static final Set<String> KNOWN = Set.of("storage", "network", "usb", "gallery", "printer");
  private static final int CASES = 20_000;

  /** One generated write. */
  static byte[] generate(Hostile hostile) {
    String text = hostile.pick("1\n", "1", "usb\n", "gallery", "printer\r\n", "network\n");
    switch (hostile.random().nextInt(6)) {
      case 0 -> text = hostile.junk(6);
      case 1 -> text = text + hostile.pick("usb\n", "1\n", "\n", "\r");
      case 2 -> text = hostile.pick("", " ", "\t") + text.repeat(1 + hostile.random().nextInt(300));
      default -> text = hostile.mutate(text);
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (hostile.chance(8) && bytes.length > 0) {
      bytes[hostile.random().nextInt(bytes.length)] = (byte) (0x80 + hostile.random().nextInt(128));
    }
    return bytes;
  }

  /** The parse result as one word, checking its invariants; null when rejected. */
  static ControlCommand check(byte[] bytes) throws RejectedInputException {
    ControlCommand command = ControlCommand.parse(bytes, KNOWN::contains);
    String line = new String(bytes, StandardCharsets.UTF_8).strip();
    if (command == null) {
      assertEquals(0, bytes.length, "only an empty write is 'nothing yet'");
    } else if (command.all()) {
      assertEquals("1", line, "flush all only for exactly 1");
    } else {
      assertTrue(KNOWN.contains(command.name()), "flush of an unknown name " + command.name());
      assertEquals(command.name(), line, "flush of a name only for exactly that name");
    }
    return command;
  }

  @Test
  void everyWriteIsACommandOrRejectedOnOneLine() {
    int commands = 0;
    int rejected = 0;
    for (long seed = 1; seed <= CASES; seed++) {
      byte[] bytes = generate(new Hostile(seed));
      try {
        try {
          check(bytes);
          commands++;
        } catch (RejectedInputException e) {
          String message = e.getMessage();
          assertFalse(message == null || message.isBlank(), "rejected without a message");
          assertFalse(message.contains("\n") || message.contains("\r"), "more than one line");
          assertTrue(message.length() < 400, "message grows with the input: " + message.length());
          rejected++;
        }
      } catch (Throwable t) {
        fail("seed " + seed + ", write " + Hostile.show(new String(bytes, StandardCharsets.UTF_8))
            + ": " + t, t);
      }
    }
    assertTrue(commands > CASES / 20, "commands only " + commands);
    assertTrue(rejected > CASES / 5, "rejected only " + rejected);
  }
}
