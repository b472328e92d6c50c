package org.initcall4j.agent.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.junit.jupiter.api.Test;

class IndexFormatTest {

  private static final InitcallSpec USB = new InitcallSpec("usb", InitLevel.DEVICE, "cam.Usb",
      "init", List.of("storage", "clock"), List.of("gallery"), "bus", true, true, "ignored");
  private static final InitcallSpec CLINIT = new InitcallSpec("tables", InitLevel.CORE,
      "cam.Tables", null, List.of(), List.of(), null, false, false, "ignored");

  /** What a shaded jar's appending transformer makes of two jars' indexes: both, in order. */
  @Test
  void concatenatedIndexesReadAsOne() {
    String merged = IndexFormat.formatAll(List.of(USB)) + IndexFormat.formatAll(List.of(CLINIT));
    List<InitcallSpec> read = IndexFormat.parse(merged, "file:/uber.jar");
    assertEquals(List.of("usb", "tables"), read.stream().map(InitcallSpec::name).toList());
  }

  @Test
  void specsSurviveARoundTrip() {
    List<InitcallSpec> read = IndexFormat.parse(IndexFormat.formatAll(List.of(USB, CLINIT)),
        "file:/app.jar");

    assertEquals(2, read.size());
    InitcallSpec usb = read.get(0);
    assertEquals("usb", usb.name());
    assertEquals(InitLevel.DEVICE, usb.level());
    assertEquals("cam.Usb", usb.className());
    assertEquals("init", usb.methodName());
    assertEquals(List.of("storage", "clock"), usb.after());
    assertEquals(List.of("gallery"), usb.before());
    assertEquals("bus", usb.partOf());
    assertTrue(usb.deferred() && usb.async());
    assertEquals("cam.Usb.init() in file:/app.jar", usb.origin());
    InitcallSpec tables = read.get(1);
    assertTrue(tables.isClassInit());
    assertEquals(null, tables.partOf());
    assertEquals("cam.Tables.<clinit> in file:/app.jar", tables.origin());
  }

  @Test
  void windowsLineEndingsCommentsAndBlankLinesAreAccepted() {
    String text = IndexFormat.formatAll(List.of(CLINIT)).replace("\n", "\r\n") + "\r\n\r\n";
    assertEquals(1, IndexFormat.parse(text, "x").size());
  }

  @Test
  void malformedLinesNameTheSourceAndLine() {
    String wrongColumns = "# initcall4j index 1\n\nusb\tDEVICE\tcam.Usb\n";
    assertEquals("file:/app.jar:3: expected 8 tab-separated columns, found 3; rebuild the jar"
            + " with the initcall4j processor of this agent's version",
        assertThrows(IndexFormatException.class,
            () -> IndexFormat.parse(wrongColumns, "file:/app.jar")).getMessage());

    String badLevel = "usb\tKERNEL\tcam.Usb\tinit\t\t\t\t\n";
    assertEquals("a:1: unknown level 'KERNEL'", assertThrows(IndexFormatException.class,
        () -> IndexFormat.parse(badLevel, "a")).getMessage());

    String badFlag = "usb\tDEVICE\tcam.Usb\tinit\t\t\t\tlazy\n";
    assertEquals("a:1: unknown flag 'lazy'", assertThrows(IndexFormatException.class,
        () -> IndexFormat.parse(badFlag, "a")).getMessage());

    String noName = "\tDEVICE\tcam.Usb\tinit\t\t\t\t\n";
    assertTrue(assertThrows(IndexFormatException.class, () -> IndexFormat.parse(noName, "a"))
        .getMessage().contains("name and class must not be empty"));
  }

  @Test
  void jarUrlsAreShortenedToTheJar() throws Exception {
    assertEquals("file:/app.jar", IndexLoader.sourceName(
        new URL("jar:file:/app.jar!/META-INF/initcall4j/initcalls.idx")));
    assertEquals("file:/classes/META-INF/initcall4j/initcalls.idx", IndexLoader.sourceName(
        new URL("file:/classes/META-INF/initcall4j/initcalls.idx")));
  }
}
