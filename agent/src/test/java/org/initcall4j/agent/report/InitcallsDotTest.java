package org.initcall4j.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitcallsDotTest {

  private static InitcallSpec spec(String name, InitLevel level, List<String> after,
      List<String> before, String partOf, boolean deferred) {
    return new InitcallSpec(name, level, "app.Boot", name, after, before, partOf, deferred, false,
        "app.Boot." + name + "()");
  }

  /** net and its part net.phy; db after disk; cache before web; levels core, fs, device. */
  private static List<InitcallSpec> graph() {
    return List.of(
        spec("net", InitLevel.CORE, List.of(), List.of(), null, false),
        spec("net.phy", InitLevel.CORE, List.of(), List.of(), "net", false),
        spec("disk", InitLevel.FS, List.of(), List.of(), null, false),
        spec("db", InitLevel.DEVICE, List.of("disk"), List.of(), null, false),
        spec("cache", InitLevel.DEVICE, List.of(), List.of("web"), null, true),
        spec("web", InitLevel.DEVICE, List.of("db", "net"), List.of(), null, true));
  }

  @Test
  void anEdgePerDeclarationLabelledByKindAndLevelsInOrder() {
    DotFile dot = DotFile.parse(InitcallsDot.dot(graph(), Map.of(), null));

    assertEquals(List.of("net", "net.phy", "disk", "db", "cache", "web", "level:core",
        "level:fs", "level:device"), List.copyOf(dot.nodes().keySet()));
    assertEquals(List.of("db -> disk", "web -> db", "web -> net"), dot.edges("after"));
    assertEquals(List.of("cache -> web"), dot.edges("before"));
    assertEquals(List.of("net.phy -> net"), dot.edges("partOf"));
    assertEquals(List.of("level:fs -> level:core", "level:device -> level:fs",
        "net -> level:core", "net.phy -> level:core", "disk -> level:fs", "db -> level:device",
        "cache -> level:device", "web -> level:device"), dot.edges("level"));
    assertEquals(dot.edges().size(), dot.edges("after").size() + dot.edges("before").size()
        + dot.edges("partOf").size() + dot.edges("level").size(), "every edge has a kind");
    assertEquals("web\napp.Boot.web()\ndeferred", label(dot, "web"));
    assertEquals("level core", dot.nodes().get("level:core").attributes().get("label"));
  }

  @Test
  void aRunsStatesColourTheNodes() {
    DotFile dot = DotFile.parse(InitcallsDot.dot(graph(), Map.of("net", "done", "disk",
        "failed", "db", "skipped", "web", "deferred"), "a note"));

    assertEquals("palegreen", dot.nodes().get("net").attributes().get("fillcolor"));
    assertEquals("salmon", dot.nodes().get("disk").attributes().get("fillcolor"));
    assertEquals("lightgrey", dot.nodes().get("db").attributes().get("fillcolor"));
    assertNull(dot.nodes().get("web").attributes().get("fillcolor"), "not run: no colour");
    assertTrue(label(dot, "disk").endsWith("\nfailed"), label(dot, "disk"));
  }

  @Test
  void namesWithQuotesBackslashesAndLineBreaksStayOneId() {
    String hostile = "a\"] ; evil -> x [\\";
    List<InitcallSpec> specs = List.of(
        spec(hostile, InitLevel.CORE, List.of(), List.of(), null, false),
        spec("b", InitLevel.CORE, List.of(hostile), List.of(), null, false));

    DotFile dot = DotFile.parse(InitcallsDot.dot(specs, Map.of(), "line\nbreak"));

    String id = "a\"] ; evil -> x [?";
    assertTrue(dot.nodes().containsKey(id), dot.nodes().keySet().toString());
    assertEquals(List.of("b -> " + id), dot.edges("after"));
    assertEquals(3, dot.nodes().size(), "no node made by the text: " + dot.nodes().keySet());
  }

  /** Graphviz itself reads the file, when it is installed. */
  @Test
  void graphvizRendersIt(@TempDir Path dir) throws Exception {
    Path dotCommand = onPath("dot");
    Assumptions.assumeTrue(dotCommand != null, "Graphviz's dot is not installed (apt-get install"
        + " graphviz): the file was checked by DotFile's parser only");
    Path file = Files.writeString(dir.resolve("initcalls.dot"),
        InitcallsDot.dot(graph(), Map.of("net", "done"), null));
    Process process = new ProcessBuilder(dotCommand.toString(), "-Tsvg", file.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "dot did not end");
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("<svg") && output.contains(">net.phy<"), output);
    assertFalse(output.toLowerCase(java.util.Locale.ROOT).contains("warning"), output);
  }

  private static String label(DotFile dot, String node) {
    return dot.nodes().get(node).attributes().get("label").replace("\\n", "\n");
  }

  static Path onPath(String command) throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
