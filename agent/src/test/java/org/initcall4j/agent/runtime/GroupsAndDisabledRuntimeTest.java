package org.initcall4j.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.junit.jupiter.api.Test;

/** Groups and disabled initcalls in the runtime, with an invoker that records calls. */
class GroupsAndDisabledRuntimeTest {
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private static InitcallSpec spec(String name, String partOf, boolean deferred,
      String... after) {
    return new InitcallSpec(name, InitLevel.DEVICE, "app.C", name, List.of(after), List.of(),
        partOf, deferred, false, "app.C." + name + "()");
  }

  private InitcallRuntime runtime(InitcallSpec... specs) {
    InitcallRuntime runtime = new InitcallRuntime(InitcallGraph.plan(List.of(specs)),
        spec -> {
          calls.add(spec.name());
          if (spec.name().startsWith("broken")) {
            throw new IllegalStateException("out of paper");
          }
        }, RuntimeSettings.defaults(), System.err);
    runtime.addListener(new ConsoleReporter(new PrintStream(console, true,
        StandardCharsets.UTF_8), false));
    return runtime;
  }

  private String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  @Test
  void flushingAGroupRunsEachDeferredPartAndWhatItNeedsOnce() {
    InitcallRuntime runtime = runtime(spec("storage", null, true),
        spec("usb", "connectivity", true, "storage"), spec("thumbnails", "connectivity", true),
        spec("crypto", null, true), spec("gallery", null, true, "connectivity"));
    runtime.boot();
    assertEquals(InitcallState.DEFERRED, runtime.group("connectivity").state());

    FlushResult result = runtime.flush("connectivity");

    assertEquals(List.of("storage", "thumbnails", "usb"), calls);
    assertEquals("connectivity", result.what());
    assertEquals(3, result.succeeded());
    assertEquals(InitcallState.DONE, runtime.group("connectivity").state());
    assertEquals(List.of("crypto", "gallery"),
        runtime.pendingDeferred().stream().map(InitcallRecord::name).toList());
    assertEquals(0, runtime.flush("connectivity").ran(), "a second flush of it runs nothing");
    assertEquals(List.of("storage", "thumbnails", "usb"), calls);
  }

  @Test
  void aGroupsStateFollowsItsParts() {
    InitcallRuntime runtime = runtime(spec("wifi", "net", false), spec("eth", "net", true),
        spec("broken.dns", "net", true));
    GroupRecord net = runtime.group("net");
    assertEquals(InitcallState.PENDING, net.state());
    runtime.boot();
    assertEquals(InitcallState.DEFERRED, net.state(), "one part done, two deferred");
    assertFalse(net.deferred(), "not every part is deferred");
    assertTrue(net.startNanos() >= 0);
    assertEquals(-1, net.endNanos(), "not every part has ended");
    runtime.flush("eth");
    assertEquals(InitcallState.DEFERRED, net.state());
    runtime.flush("net");
    assertEquals(InitcallState.FAILED, net.state());
    assertEquals("3 parts: broken.dns, eth, wifi; broken.dns failed", net.detail());
    assertTrue(net.endNanos() >= net.startNanos());
    assertEquals("net", runtime.groupOf(runtime.find("eth")).name());
  }

  @Test
  void requireOfAGroupRunsItsPartsAndNamesThePartThatFailed() {
    InitcallRuntime runtime = runtime(spec("wifi", "net", true), spec("broken.eth", "net", true));
    runtime.boot();
    IllegalStateException failed = assertThrows(IllegalStateException.class,
        () -> runtime.require("net"));
    assertTrue(failed.getMessage().startsWith("group 'net': initcall 'broken.eth' failed: "
        + "java.lang.IllegalStateException: out of paper"), failed.getMessage());
    assertEquals(List.of("broken.eth", "wifi"), calls);
  }

  @Test
  void anUnknownNameIsRefusedNamingTheGroupsToo() {
    InitcallRuntime runtime = runtime(spec("wifi", "net", true));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> runtime.flush("nett"));
    assertEquals("no initcall named 'nett'; known: [wifi, net] (the last 1 are groups)",
        unknown.getMessage());
    assertTrue(runtime.knows("net"));
    assertFalse(runtime.knows("nett"));
  }

  @Test
  void aDisabledInitcallNeverRunsAndWhatNeedsItIsSkippedAndReported() {
    InitcallRuntime runtime = runtime(spec("storage", null, false),
        spec("usb", null, false, "storage"), spec("gallery", null, true, "usb"),
        spec("clock", null, false));
    assertTrue(runtime.disable("usb", "option 'disable'"));
    assertFalse(runtime.disable("usbb", "option 'disable'"));

    assertEquals(0, runtime.boot(), "disabled on purpose is not a failed boot initcall");
    assertEquals(List.of("clock", "storage"), calls);
    assertEquals(InitcallState.DISABLED, runtime.find("usb").state());
    assertEquals("disabled: option 'disable'", runtime.find("usb").outcome());
    assertTrue(console().startsWith("initcall usb disabled (option 'disable')\n"), console());

    FlushResult flush = runtime.flushAll();
    assertEquals(InitcallState.SKIPPED, runtime.find("gallery").state());
    assertEquals("needs 'usb', which was disabled", runtime.find("gallery").skipReason());
    assertTrue(console().contains("initcall gallery skipped: needs 'usb', which was disabled"),
        console());
    assertFalse(flush.allSucceeded());
    assertEquals(List.of("usb disabled: option 'disable'",
        "gallery skipped: needs 'usb', which was disabled"), flush.problems());
    assertEquals(1, console().split("initcall usb disabled", -1).length - 1, "said once");
    IllegalStateException required = assertThrows(IllegalStateException.class,
        () -> runtime.require("usb"));
    assertEquals("initcall 'usb' disabled: option 'disable'", required.getMessage());
    assertEquals(List.of("clock", "storage"), calls);
  }

  @Test
  void disablingAGroupDisablesEveryPart() {
    InitcallRuntime runtime = runtime(spec("wifi", "net", true), spec("eth", "net", true),
        spec("mail", null, true, "net"));
    assertTrue(runtime.disable("net", "group 'net', option 'disable'"));
    runtime.boot();
    runtime.flushAll();

    assertEquals(List.of(), calls);
    assertEquals(InitcallState.DISABLED, runtime.group("net").state());
    assertEquals(InitcallState.SKIPPED, runtime.find("mail").state());
    assertEquals(List.of(), runtime.pendingDeferred());
  }
}
