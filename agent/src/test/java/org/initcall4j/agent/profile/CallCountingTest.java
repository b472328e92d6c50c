package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Option {@code profile.calls} on real javac output: the classes of the calls test app are
 * loaded as compiled and with their calls counted (the JVM verifies them), behave the same, and
 * the recorder has each counted method's calls and first call.
 */
class CallCountingTest {
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final ProfileTransformer transformer = new ProfileTransformer(
      new ClassSelection(List.of(), List.of()),
      new ProfileLog(new PrintStream(logged, true, StandardCharsets.UTF_8)), true);

  @ParameterizedTest(name = "--release {0}")
  @ValueSource(ints = {8, 17})
  void countedClassesBehaveAsCompiledAndTheirCallsAreRecorded(int release) throws Exception {
    Map<String, byte[]> compiled = ClassBytes.compile("calls", release);
    Map<String, byte[]> rewritten = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> entry : compiled.entrySet()) {
      byte[] bytes = transformer.rewrite(entry.getKey(), entry.getValue());
      rewritten.put(entry.getKey(), bytes != null ? bytes : entry.getValue());
    }
    assertNull(transformer.rewrite("calls/OnlyData", compiled.get("calls/OnlyData")),
        "a class without such a method is left alone");

    String expected = run(compiled);
    CallRecorder.takeTriggersFrom(20_000_000);
    String actual;
    try {
      actual = run(rewritten);
    } finally {
      CallRecorder.takeTriggersFrom(Long.MAX_VALUE);
    }

    assertEquals(expected, actual);
    assertEquals("", logged.toString(StandardCharsets.UTF_8));
    Map<String, CallTiming> calls = new HashMap<>();
    for (CallTiming timing : CallRecorder.snapshot(0)) {
      if (timing.className().startsWith("calls.")) {
        calls.put(timing.className() + "#" + timing.methodName(), timing); // the latest run's
      }
    }
    assertEquals(2, calls.get("calls.Modules#startAll").calls(), calls.toString());
    assertEquals(1, calls.get("calls.Cache#preload").calls());
    assertEquals(5, calls.get("calls.Counter#tick").calls());
    assertEquals(3, calls.get("calls.Counter#recurse").calls(), "recursion counts each call");
    assertEquals(1, calls.get("calls.Probe#noop").calls());
    assertEquals(1, calls.get("calls.Circle#draw").calls());
    assertEquals(1, calls.get("calls.Shapes#locked").calls());
    assertEquals(1, calls.get("calls.Shapes#loopAtStart").calls());
    assertEquals(3, calls.get("calls.Shapes$1#walk").calls(), "returns in switch and finally");
    assertEquals(1, calls.get("calls.Probe$1#run").calls());
    assertFalse(calls.containsKey("calls.Shape#draw"), "abstract: no code");
    assertFalse(calls.containsKey("calls.Probe#call"), "returns a value");

    CallTiming preload = calls.get("calls.Cache#preload");
    CallTiming startAll = calls.get("calls.Modules#startAll");
    assertTrue(preload.firstCallNanos() >= 25_000_000, preload.toString());
    assertTrue(startAll.startNanos() <= preload.startNanos()
        && startAll.startNanos() + startAll.firstCallNanos()
            >= preload.startNanos() + preload.firstCallNanos(),
        "the first call of startAll holds preload's: " + startAll + " " + preload);
    assertTrue(calls.get("calls.Failing#fail").threw(), calls.toString());
    assertFalse(preload.threw());
    assertEquals(Thread.currentThread().getName(), preload.thread());
    Triggers.Trigger trigger = Triggers.ofCall("calls.Cache", "preload");
    assertNotNull(trigger, "a slow first call has its trigger");
    assertEquals("calls.Modules.startAll", trigger.frame());
  }

  @Test
  void onlyVoidMethodsWithoutParametersWithCodeAreCounted() {
    assertTrue(CallCounting.counts(0x0008, "start", "()V"));
    assertTrue(CallCounting.counts(0x0001, "run", "()V"), "an instance method too");
    assertFalse(CallCounting.counts(0x0008, "start", "(I)V"));
    assertFalse(CallCounting.counts(0x0008, "size", "()I"));
    assertFalse(CallCounting.counts(0x0001, "<init>", "()V"));
    assertFalse(CallCounting.counts(0x0008, "<clinit>", "()V"));
    assertFalse(CallCounting.counts(0x1008, "lambda$main$0", "()V"), "synthetic");
    assertFalse(CallCounting.counts(0x0401, "draw", "()V"), "abstract");
    assertFalse(CallCounting.counts(0x0108, "touch", "()V"), "native");
  }

  @Test
  void theScanReadsMethodHeadersWithoutParsing() {
    Map<String, byte[]> compiled = ClassBytes.compile("calls", 17);
    assertTrue(CallCounting.hasCounted(compiled.get("calls/Counter")));
    assertFalse(CallCounting.hasCounted(compiled.get("calls/OnlyData")),
        "a constructor's ()V is not a counted method");
    assertFalse(CallCounting.hasCounted(compiled.get("calls/Shape")), "abstract only");
    byte[] counter = compiled.get("calls/Counter");
    for (int cut = 0; cut < counter.length; cut += 7) {
      CallCounting.hasCounted(java.util.Arrays.copyOf(counter, cut)); // no exception when cut
    }
  }

  @SuppressWarnings("unchecked")
  private static String run(Map<String, byte[]> classes) throws Exception {
    ClassLoader loader = new ClassBytes.Loader(classes);
    Callable<String> call = (Callable<String>) loader.loadClass("calls.Probe")
        .getDeclaredConstructor().newInstance();
    return call.call();
  }
}
