package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControlCommandTest {
  private static final Set<String> KNOWN = Set.of("usb", "usb-storage", "a.b_c");

  private static ControlCommand parse(String text) throws RejectedInputException {
    return ControlCommand.parse(text.getBytes(StandardCharsets.UTF_8), KNOWN::contains);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "1\n", "1\r\n", " 1 \n"})
  void oneFlushesAll(String text) throws Exception {
    assertTrue(parse(text).all());
  }

  @ParameterizedTest
  @ValueSource(strings = {"usb-storage", "usb-storage\n", "\tusb-storage \r\n"})
  void aKnownNameFlushesThatOne(String text) throws Exception {
    assertEquals("usb-storage", parse(text).name());
  }

  @Test
  void anEmptyFileIsNotACommandYet() throws Exception {
    assertNull(parse(""));
  }

  @Test
  void anUnknownNameGetsTheClosestKnownOneAsAHint() {
    RejectedInputException e = assertThrows(RejectedInputException.class,
        () -> ControlCommand.parse("usv\n".getBytes(StandardCharsets.UTF_8), KNOWN::contains,
            name -> name.equals("usv") ? "usb" : null));
    assertEquals("no initcall named 'usv'; did you mean 'usb'?; " + ControlCommand.USAGE
        + " (cat initcalls lists them)", e.getMessage());
  }

  @Test
  void rejectionsSayWhyAndWhatToWriteOnOneLine() {
    assertRejected("0\n", "no initcall named '0'; write 1 to flush every deferred initcall");
    assertRejected("usb;reboot", "'usb;reboot' is neither 1 nor an initcall name");
    assertRejected("usb\nusb\n", "'usb\\x0ausb\\x0a' has more than one line");
    assertRejected("\n", "a blank line is not a command");
    assertRejected("x".repeat(500), "'" + "x".repeat(60) + "...'");
  }

  @Test
  void invalidUtf8IsRejected() {
    RejectedInputException e = assertThrows(RejectedInputException.class,
        () -> ControlCommand.parse(new byte[] {'u', (byte) 0xc3}, KNOWN::contains));
    assertTrue(e.getMessage().startsWith("what was written is not UTF-8 text"), e.getMessage());
  }

  private static void assertRejected(String text, String expected) {
    RejectedInputException e = assertThrows(RejectedInputException.class, () -> parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
