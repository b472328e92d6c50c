package org.initcall4j.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.InitcallState;
import org.initcall4j.agent.runtime.Invoker;
import org.initcall4j.agent.runtime.RuntimeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class BootReportTest {
  private static final long MS = 1_000_000;

  private static BootTimes.Entry ran(String name, boolean deferred, String thread, long start,
      long duration, Integer... needs) {
    return new BootTimes.Entry(name, "DEVICE", deferred, InitcallState.DONE, thread,
        thread.hashCode(), start * MS, duration * MS, List.of(needs), "done");
  }

  /** a(10) -> b(50); a -> c(5) -> d(100, on another thread); e waits for b and d. */
  private static BootTimes diamond() {
    return new BootTimes(List.of(
        ran("a", false, "main", 0, 10),
        ran("b", false, "main", 10, 50, 0),
        ran("c", false, "main", 60, 5, 0),
        ran("d", false, "pool-1", 65, 100, 2),
        ran("e", true, "main", 300, 1, 1, 3),
        new BootTimes.Entry("f", "LATE", true, InitcallState.DEFERRED, null, 0, 0, 0, List.of(4),
            "deferred")));
  }

  @Test
  void criticalChainFollowsTheMostTimeNotTheLastPrerequisite() {
    List<String> chain = CriticalChain.of(diamond()).stream().map(BootTimes.Entry::name).toList();

    assertEquals(List.of("a", "c", "d", "e"), chain);
    String text = CriticalChain.text(diamond());
    assertTrue(text.contains("Chain total: 116.000ms."), text);
    assertTrue(text.endsWith("e @300.000ms +1.000ms (deferred)\n\u2514\u2500d @65.000ms +100.000ms\n"
        + "  \u2514\u2500c @60.000ms +5.000ms\n    \u2514\u2500a @0.000ms +10.000ms\n"), text);
  }

  @Test
  void blameListsSlowestFirstThenWhatDidNotRun() {
    List<String> lines = Blame.text(diamond()).lines().toList();

    assertEquals("   100.000ms d (DEVICE, pool-1)", lines.get(0));
    assertEquals("    50.000ms b (DEVICE, main)", lines.get(1));
    assertEquals("     1.000ms e (DEVICE, deferred, main)", lines.get(4));
    assertEquals("           - f (LATE, deferred): deferred", lines.get(5));
  }

  @Test
  void bootGraphHasALanePerThreadABarPerInitcallAndEscapesNames() throws Exception {
    BootTimes times = new BootTimes(List.of(ran("a", false, "main", 0, 10),
        ran("b", false, "worker <1> & \"x\"", 5, 20)));
    String svg = BootGraphSvg.svg(times);

    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals(2, document.getElementsByTagName("g").getLength());
    assertTrue(document.getDocumentElement().getTextContent().contains("worker <1> & \"x\""));
    assertTrue(svg.contains(">0 µs</text>") && svg.contains(">10 ms</text>"), svg);
    // the plot spans 0..25 ms over x = 150..1160: b, at 5 ms, starts a fifth of the way in
    assertTrue(svg.contains("<rect x=\"352.0\" y=\"82\" width=\"808.0\""), svg);
  }

  /** Markup, entities, a CDATA end, characters XML forbids, a lone surrogate, line breaks. */
  private static final String HOSTILE = "</title></g><script>alert(1)</script><g><title>"
      + " &amp; & \"q\" 'a' ]]> \u0000\u0007\u001b \ud800 \uffff \ud83d\ude00 line\nbreak";

  @Test
  void bootGraphEscapesEveryTextFromTheApplication() throws Exception {
    BootTimes times = new BootTimes(List.of(
        new BootTimes.Entry(HOSTILE, "DEVICE", true, InitcallState.FAILED, HOSTILE, 7, 0, 10 * MS,
            List.of(), "failed: java.lang.IllegalStateException: " + HOSTILE),
        ran("b", false, "main", 10, 5)));
    String svg = BootGraphSvg.svg(times);

    Document document = parse(svg);
    assertEquals(0, document.getElementsByTagName("script").getLength(), svg);
    assertEquals(2, document.getElementsByTagName("g").getLength(), "one bar each, no more");
    String title = document.getElementsByTagName("title").item(0).getTextContent();
    String shown = "</title></g><script>alert(1)</script><g><title> &amp; & \"q\" 'a' ]]>"
        + " ??? ? ? \ud83d\ude00 line break";
    assertTrue(title.startsWith(shown + " DEVICE deferred failed:"
        + " java.lang.IllegalStateException: " + shown + " @"), title);
    assertTrue(document.getDocumentElement().getTextContent().contains(shown + " (10.000ms)"),
        "the bar's label");
  }

  @Test
  void aFailureMessageWithMarkupLeavesTheWrittenReportValid(@TempDir Path dir) throws Exception {
    InitcallRuntime runtime = new InitcallRuntime(InitcallGraph.plan(List.of(
        new InitcallSpec("evil", InitLevel.DEVICE, "app.C", "evil", List.of(), List.of(), null,
            false, false, "app.C.evil()"))), new Invoker() {
              @Override
              public void invoke(InitcallSpec spec) {
                throw new IllegalStateException(HOSTILE);
              }
            }, RuntimeSettings.defaults(), new PrintStream(OutputStream.nullOutputStream()));
    runtime.boot();

    BootReport.of(runtime).write(dir);
    Document document = parse(Files.readString(dir.resolve(BootReport.BOOT_GRAPH)));
    assertEquals(0, document.getElementsByTagName("script").getLength());
    assertTrue(document.getElementsByTagName("title").item(0).getTextContent()
        .contains("failed: java.lang.IllegalStateException: </title></g><script>"));
  }

  private static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(1000, BootGraphSvg.niceStep(3));
    assertEquals(5_000_000, BootGraphSvg.niceStep(3_100_000));
    assertEquals(20_000_000, BootGraphSvg.niceStep(11_000_000));
  }
}
