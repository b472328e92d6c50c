package org.initcall4j.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.testing.Await;
import org.junit.jupiter.api.Test;

/** The runtime in-process, with an invoker that records calls instead of reflection. */
class InitcallRuntimeTest {
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Runnable> bodies = new ConcurrentHashMap<>();

  private static InitcallSpec spec(String name, boolean deferred, String... after) {
    return new InitcallSpec(name, InitLevel.DEVICE, "app.C", name, List.of(after), List.of(), null,
        deferred, false, "app.C." + name + "()");
  }

  private InitcallRuntime runtime(InitcallSpec... specs) {
    return runtime(RuntimeSettings.defaults(), specs);
  }

  private InitcallRuntime runtime(RuntimeSettings settings, InitcallSpec... specs) {
    return new InitcallRuntime(InitcallGraph.plan(List.of(specs)), spec -> {
      calls.add(spec.name());
      Runnable body = bodies.get(spec.name());
      if (body != null) {
        body.run();
      }
    }, settings, System.err);
  }

  @Test
  void bootRunsOnlyTheNonDeferredInOrderAndParksTheRest() {
    InitcallRuntime runtime = runtime(spec("b", false, "a"), spec("a", false),
        spec("usb", true, "a"));

    assertEquals(0, runtime.boot());
    assertEquals(List.of("a", "b"), calls);
    assertEquals(InitcallState.DEFERRED, runtime.find("usb").state());
    assertEquals(List.of("usb"), runtime.pendingDeferred().stream().map(r -> r.name()).toList());
  }

  @Test
  void flushRunsEachDeferredOnceAndASecondFlushNothing() {
    InitcallRuntime runtime = runtime(spec("a", false), spec("usb", true, "a"),
        spec("gallery", true, "usb"));
    runtime.boot();

    assertEquals(2, runtime.flushAll().succeeded());
    assertEquals(0, runtime.flushAll().ran());
    assertEquals(List.of("a", "gallery", "usb").size(), calls.size());
    assertEquals(List.of("a", "usb", "gallery"), calls);
    assertTrue(runtime.pendingDeferred().isEmpty());
  }

  @Test
  void flushOfOneRunsWhatItNeedsAndNothingElse() {
    InitcallRuntime runtime = runtime(spec("usb", true), spec("gallery", true, "usb"),
        spec("crypto", true));

    assertEquals(2, runtime.flush("gallery").succeeded());
    assertEquals(List.of("usb", "gallery"), calls);
    assertEquals(InitcallState.DEFERRED, runtime.find("crypto").state());
    assertThrows(IllegalArgumentException.class, () -> runtime.flush("nope"));
  }

  @Test
  void failureIsRecordedAndEveryDependentSkippedWithTheReason() {
    IllegalStateException boom = new IllegalStateException("boom");
    bodies.put("config", () -> {
      throw boom;
    });
    InitcallRuntime runtime = runtime(spec("config", false), spec("db", false, "config"),
        spec("web", false, "db"), spec("metrics", false));
    List<String> skipped = new ArrayList<>();
    runtime.addListener(new InitcallListener() {
      @Override
      public void skipped(InitcallRecord record) {
        skipped.add(record.name() + ": " + record.skipReason());
      }
    });

    assertEquals(3, runtime.boot());
    assertSame(boom, runtime.find("config").error());
    assertEquals(InitcallState.FAILED, runtime.find("config").state());
    assertEquals(List.of("db: needs 'config', which failed", "web: needs 'db', which was skipped"),
        skipped);
    assertEquals(List.of("config", "metrics"), calls);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runtime.require("web"));
    assertEquals("initcall 'web' skipped: needs 'db', which was skipped", e.getMessage());
  }

  @Test
  void aFlushCountsOnlyWhatSucceededAndNamesEachFailureAndSkipWithItsError() {
    bodies.put("printer", () -> {
      throw new IllegalStateException("out of paper");
    });
    InitcallRuntime runtime = runtime(spec("storage", false), spec("printer", true, "storage"),
        spec("gallery", true, "printer"), spec("usb", true, "storage"));
    runtime.boot();
    List<FlushResult> heard = new ArrayList<>();
    runtime.addListener(new InitcallListener() {
      @Override
      public void flushFinished(FlushResult result) {
        heard.add(result);
      }
    });

    FlushResult all = runtime.flushAll();
    assertEquals(3, all.ran());
    assertEquals(1, all.succeeded(), "usb; printer failed and gallery was skipped");
    assertEquals(List.of("printer"), names(all.failed()));
    assertEquals(List.of("gallery"), names(all.skipped()));
    assertEquals(List.of("printer failed: java.lang.IllegalStateException: out of paper",
        "gallery skipped: needs 'printer', which failed"), all.problems());
    assertEquals("1 of 3 initcalls succeeded; printer failed: java.lang.IllegalStateException:"
        + " out of paper; gallery skipped: needs 'printer', which failed", all.summary());
    assertEquals(List.of(all), heard, "listeners hear the same result");

    FlushResult again = runtime.flushAll();
    assertEquals(0, again.ran());
    assertEquals("nothing left to run; printer failed earlier: java.lang.IllegalStateException:"
        + " out of paper; gallery skipped earlier: needs 'printer', which failed",
        again.summary(), "what was asked for is still not done: said again");

    FlushResult one = runtime.flush("usb");
    assertTrue(one.allSucceeded(), "usb and storage, what it needs, are done");
    assertEquals("nothing left to run", one.summary());
  }

  @Test
  void aFlushOfOneWhoseBootPrerequisiteFailedNamesThatFailureToo() {
    IllegalStateException missing = new IllegalStateException("config file missing");
    bodies.put("config", () -> {
      throw missing;
    });
    InitcallRuntime runtime = runtime(spec("config", false), spec("db", true, "config"),
        spec("usb", true));
    runtime.boot();

    FlushResult db = runtime.flush("db");
    assertEquals(1, db.ran(), "db, skipped");
    assertEquals(0, db.succeeded());
    assertEquals(List.of("config failed earlier: java.lang.IllegalStateException: config file"
        + " missing", "db skipped: needs 'config', which failed"), db.problems());
    assertEquals(InitcallState.DEFERRED, runtime.find("usb").state(), "not asked for");

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runtime.require("config"));
    assertEquals("initcall 'config' failed: java.lang.IllegalStateException: config file missing",
        e.getMessage());
    assertSame(missing, e.getCause(), "require hands over the initcall's own error");
  }

  @Test
  void aFlushOnThePoolCountsTheSameWay() {
    bodies.put("printer", () -> {
      throw new IllegalStateException("out of paper");
    });
    InitcallRuntime runtime = runtime(
        new RuntimeSettings(true, 2, 0, false, RuntimeSettings.DEFAULT_STALL_MILLIS),
        spec("printer", true), spec("gallery", true, "printer"), spec("usb", true));

    FlushResult all = runtime.flushAll();
    assertEquals(3, all.ran());
    assertEquals(1, all.succeeded());
    assertEquals(List.of("printer"), names(all.failed()));
    assertEquals(List.of("gallery"), names(all.skipped()));
  }

  private static List<String> names(List<InitcallRecord> records) {
    return records.stream().map(InitcallRecord::name).toList();
  }

  @Test
  void requireFromManyThreadsRunsTheInitcallOnceAndEveryoneSeesItsEffect() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    int[] effect = new int[1];
    CountDownLatch start = new CountDownLatch(1);
    bodies.put("usb", () -> {
      runs.incrementAndGet();
      sleep(20);
      effect[0] = 42;
    });
    InitcallRuntime runtime = runtime(spec("usb", true));
    List<Thread> threads = new ArrayList<>();
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 8; i++) {
      Thread thread = new Thread(() -> {
        await(start);
        runtime.require("usb");
        seen.add(effect[0]);
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    Await.ended(threads.toArray(new Thread[0]));

    assertEquals(1, runs.get());
    assertEquals(Collections.nCopies(8, 42), seen);
  }

  @Test
  void initcallThatRequiresItselfFailsInsteadOfHanging() {
    InitcallRuntime[] holder = new InitcallRuntime[1];
    bodies.put("loop", () -> holder[0].require("loop"));
    holder[0] = runtime(spec("loop", false));

    holder[0].boot();

    InitcallRecord loop = holder[0].find("loop");
    assertEquals(InitcallState.FAILED, loop.state());
    assertTrue(loop.error() instanceof InitcallReentryException, String.valueOf(loop.error()));
    assertTrue(loop.error().getMessage().contains("requires itself"), loop.error().getMessage());
  }

  @Test
  void timesAndThreadAreRecorded() {
    bodies.put("slow", () -> sleep(15));
    InitcallRuntime runtime = runtime(spec("slow", false));
    runtime.boot();

    InitcallRecord slow = runtime.find("slow");
    assertTrue(slow.durationNanos() >= 15_000_000L, "duration " + slow.durationNanos());
    assertEquals(Thread.currentThread().getName(), slow.threadName());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
