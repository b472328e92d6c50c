package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.initcall4j.agent.classfile.ClassFileScan;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rewrite on real javac output of many shapes: each set of classes is loaded twice in
 * throwaway loaders (the JVM verifies them), as compiled and as rewritten, and must behave the
 * same; the rewritten ones must also report their timings.
 */
class ClinitRewriteTest {
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final ProfileTransformer transformer = new ProfileTransformer(
      new ClassSelection(List.of(), List.of()),
      new ProfileLog(new PrintStream(logged, true, StandardCharsets.UTF_8)));

  @ParameterizedTest(name = "{0} --release {1} by {3}")
  @CsvSource({"kinds, 8, kinds.Probe, patch", "kinds, 17, kinds.Probe, patch",
      "kinds17, 17, kinds17.Probe17, patch", "kinds, 8, kinds.Probe, asm",
      "kinds, 17, kinds.Probe, asm", "kinds17, 17, kinds17.Probe17, asm"})
  void rewrittenClassesBehaveAsCompiledAndReportTheirTimings(String app, int release,
      String probe, String engine) throws Exception {
    Map<String, byte[]> compiled = ClassBytes.compile(app, release);
    Map<String, byte[]> rewritten = new LinkedHashMap<>();
    Set<String> timed = new TreeSet<>();
    for (Map.Entry<String, byte[]> entry : compiled.entrySet()) {
      byte[] bytes = engine.equals("asm")
          ? transformer.rewriteWithAsm(entry.getKey(), entry.getValue())
          : ClinitPatcher.patch(entry.getValue());
      if (bytes == ClinitPatcher.NO_CLINIT) {
        bytes = null;
      }
      if (engine.equals("patch") && bytes == null) {
        assertNull(transformer.rewriteWithAsm(entry.getKey(), entry.getValue()),
            "javac's static initializers must all take the byte patch: " + entry.getKey());
      }
      if (bytes != null) {
        timed.add(entry.getKey().replace('/', '.'));
      }
      rewritten.put(entry.getKey(), bytes != null ? bytes : entry.getValue());
    }

    String expected = run(compiled, probe);
    int before = ProfileRecorder.snapshot().size();
    String actual = run(rewritten, probe);
    List<ClinitTiming> timings = ProfileRecorder.snapshot().subList(before,
        ProfileRecorder.snapshot().size());

    assertEquals(expected, actual);
    assertEquals("", logged.toString(StandardCharsets.UTF_8));
    Set<String> reported = new TreeSet<>();
    timings.forEach(t -> reported.add(t.className()));
    assertTrue(timed.containsAll(reported), "reported " + reported + ", rewritten " + timed);
    if (app.equals("kinds")) {
      assertTrue(timed.containsAll(Set.of("kinds.Tables", "kinds.Color", "kinds.Config",
          "kinds.Switches", "kinds.Tries", "kinds.Broken")), timed.toString());
      assertTrue(timed.stream().anyMatch(n -> n.startsWith("kinds.Switches$")),
          "the $SwitchMap$ holder must be timed too: " + timed);
      assertTrue(find(timings, "kinds.Broken").failed(), timings.toString());
      assertTrue(find(timings, "kinds.ThrowsError").failed(), timings.toString());
      ClinitTiming inner = find(timings, "kinds.Inner");
      ClinitTiming outer = find(timings, "kinds.Outer");
      assertEquals("kinds.Outer", inner.nestedIn());
      assertTrue(outer.inclusiveNanos() >= inner.inclusiveNanos(), outer + " " + inner);
      assertEquals(outer.inclusiveNanos() - inner.inclusiveNanos(), outer.exclusiveNanos());
    }
  }

  private static ClinitTiming find(List<ClinitTiming> timings, String className) {
    return timings.stream().filter(t -> t.className().equals(className)).findFirst()
        .orElseThrow(() -> new AssertionError(className + " not in " + timings));
  }

  @SuppressWarnings("unchecked")
  private static String run(Map<String, byte[]> classes, String probe) throws Exception {
    ClassLoader loader = new ClassBytes.Loader(classes);
    Callable<String> call = (Callable<String>) loader.loadClass(probe)
        .getDeclaredConstructor().newInstance();
    return call.call();
  }

  @Test
  void classWithoutStaticInitializerIsNotParsed() throws Exception {
    Map<String, byte[]> compiled = ClassBytes.compile("kinds", 17);
    assertNull(transformer.rewrite("kinds/Probe", compiled.get("kinds/Probe")));
    assertEquals(ClassFileScan.NO_CLINIT, ClassFileScan.scan(compiled.get("kinds/Probe")));
    assertEquals(ClassFileScan.HAS_CLINIT, ClassFileScan.scan(compiled.get("kinds/Tables")));
  }

  @Test
  void transformRejectsWhatItMustNotTouch() throws Exception {
    byte[] tables = ClassBytes.compile("kinds", 17).get("kinds/Tables");
    ClassLoader app = getClass().getClassLoader();
    ClassLoader detached = new ClassLoader(null) {};
    ClassLoader child = new ClassLoader(app) {};

    assertNotNull(transformer.transform(child, "kinds/Tables", null, null, tables));
    assertNull(transformer.transform(null, "kinds/Tables", null, null, tables), "bootstrap");
    assertNull(transformer.transform(ClassLoader.getPlatformClassLoader(), "kinds/Tables", null,
        null, tables), "platform loader");
    assertNull(transformer.transform(app, null, null, null, tables), "hidden class");
    assertNull(transformer.transform(app, "kinds/Tables", String.class, null, tables),
        "redefinition");
    assertNull(transformer.transform(detached, "kinds/Tables", null, null, tables),
        "a loader that cannot see the recorder");
    assertNull(transformer.transform(app, "java/util/Tables", null, null, tables), "JDK name");
    assertNull(transformer.transform(app, "org/initcall4j/agent/X", null, null, tables),
        "the agent's own");
    assertNull(transformer.transform(app, "kinds/Broken", null, null, new byte[] {1, 2, 3}),
        "garbage");
  }
}
