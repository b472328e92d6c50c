package org.initcall4j.agent.ready;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReadySignalTest {
  @Test
  void readsEachFormAndWritesItBack() {
    assertEquals("log:Started .* in", ReadySignal.parse("log:Started .* in").toString());
    assertEquals(8080, ReadySignal.parse("port:8080").port());
    assertEquals(ReadySignal.Kind.EXIT, ReadySignal.parse("exit").kind());
  }

  @Test
  void badValuesNameTheFix() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ReadySignal.parse("log:(x"))
        .getMessage().contains("is not a regular expression"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ReadySignal.parse("port:0"))
        .getMessage().contains("from 1 to 65535"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ReadySignal.parse("soon"))
        .getMessage().contains("ready=log:REGEX"));
  }

  @Test
  void aMatchingLineMarksReadyOnceAndEveryBytePassesUnchanged() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReadyMoment moment = new ReadyMoment(System.nanoTime(), null);
    int[] told = new int[1];
    moment.onReady(() -> told[0]++);
    PrintStream watched = new PrintStream(new LineMatchingOutput(new PrintStream(bytes),
        Pattern.compile("Started .* in"), StandardCharsets.UTF_8, moment), true,
        StandardCharsets.UTF_8);

    watched.print("Starting");
    watched.println(" up");
    assertEquals(false, moment.seen());
    watched.print("Started app in 12 ms\r\nStarted app in 13 ms\n");
    assertTrue(moment.seen());
    assertEquals("log:Started .* in", moment.seenBy());
    assertEquals(1, told[0]);
    assertEquals(false, moment.mark("Initcalls.ready()"), "only the first signal counts");
    assertEquals("Starting up" + System.lineSeparator()
        + "Started app in 12 ms\r\nStarted app in 13 ms\n", bytes.toString(StandardCharsets.UTF_8));
  }
}
