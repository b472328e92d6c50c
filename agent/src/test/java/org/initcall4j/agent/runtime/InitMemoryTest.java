package org.initcall4j.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.initcall4j.agent.graph.BootPlan;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.testing.Await;
import org.junit.jupiter.api.Test;

/** After the last deferred initcall, the plan, the declarations and the invoker are garbage. */
class InitMemoryTest {
  /** Weak handles on what the runtime was built from; no strong reference leaves the builder. */
  private static final class Handles {
    InitcallRuntime runtime;
    InitMemory memory;
    WeakReference<BootPlan> plan;
    WeakReference<Invoker> invoker;
    final List<WeakReference<InitcallSpec>> specs = new ArrayList<>();
  }

  private static Handles build() {
    List<InitcallSpec> specs = List.of(
        spec("storage", false), spec("usb", true, "storage"), spec("gallery", true, "usb"),
        spec("broken", true));
    BootPlan plan = InitcallGraph.plan(specs);
    Invoker invoker = new Invoker() {
      @Override
      public void invoke(InitcallSpec spec) {
        if (spec.name().equals("broken")) {
          throw new IllegalStateException("boom");
        }
      }
    };
    Handles handles = new Handles();
    handles.runtime = new InitcallRuntime(plan, invoker);
    handles.memory = new InitMemory(handles.runtime);
    handles.runtime.addListener(handles.memory);
    handles.plan = new WeakReference<>(plan);
    handles.invoker = new WeakReference<>(invoker);
    for (InitcallSpec spec : specs) {
      handles.specs.add(new WeakReference<>(spec));
    }
    return handles;
  }

  private static InitcallSpec spec(String name, boolean deferred, String... after) {
    return new InitcallSpec(name, InitLevel.DEVICE, "app.C", name, List.of(after), List.of(),
        null, deferred, false, "app.C." + name + "() in file:/app.jar");
  }

  @Test
  void everythingOnlyRunningNeededBecomesUnreachableAfterTheLastFlush() throws Exception {
    Handles h = build();
    h.runtime.boot();
    h.runtime.flush("usb");
    assertFalse(h.memory.freed(), "gallery and broken are still deferred");
    assertEquals("not yet: 2 initcalls have not run (deferred, pending or running)",
        h.memory.detail());
    collectGarbage();
    assertNotNull(h.plan.get(), "still needed while something can run");

    h.runtime.flushAll();

    assertTrue(h.memory.freed());
    assertTrue(h.memory.detail().matches("freed at [0-9.]+ ms: boot plan of 4 initcalls and 2"
        + " edges, invoker, dependency lists and origins of 4 declarations"), h.memory.detail());
    awaitCollected(h);
    assertNull(h.plan.get(), "boot plan");
    assertNull(h.invoker.get(), "invoker");
    for (WeakReference<InitcallSpec> spec : h.specs) {
      assertNull(spec.get(), "declaration");
    }
    // what reports need is still there
    assertEquals(InitcallState.FAILED, h.runtime.find("broken").state());
    assertEquals("boom", h.runtime.find("broken").error().getMessage());
    assertEquals(InitLevel.DEVICE, h.runtime.find("gallery").spec().level());
    assertNull(h.runtime.find("gallery").spec().origin());
    FlushResult after = h.runtime.flushAll();
    assertEquals(0, after.ran(), "a flush after freeing runs nothing and is fine");
    assertEquals(List.of("broken failed earlier: java.lang.IllegalStateException: boom"),
        after.problems(), "and still names what failed");
    assertNull(h.runtime.find("nosuch"));
  }

  /**
   * A require that saw the last initcall still running, while its runner finishes it and the
   * memory is freed, must not find the invoker gone (it threw NullPointerException). The
   * interleaving is forced: the requiring thread is held at the monitor of a prerequisite that
   * is already done, after its state check of the target and before it uses the invoker, until
   * the runner has finished and the runtime has freed its init work.
   */
  @Test
  void aRequireThatSawTheLastInitcallRunningSurvivesTheFreeOnAnotherThread() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Invoker invoker = spec -> {
      if (spec.name().equals("last")) {
        running.countDown();
        finish.await();
      }
    };
    InitcallRuntime runtime = new InitcallRuntime(
        InitcallGraph.plan(List.of(spec("first", false), spec("last", true, "first"))), invoker);
    InitMemory memory = new InitMemory(runtime);
    runtime.addListener(memory);
    runtime.boot();
    InitcallRecord first = runtime.find("first");
    Thread runner = new Thread(() -> runtime.flush("last"), "runner");
    runner.start();
    running.await();

    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread requirer = new Thread(() -> {
      try {
        runtime.require("last");
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "requirer");
    synchronized (first) {
      requirer.start();
      awaitBlockedOn(requirer, first);
      finish.countDown();
      runner.join();
      assertTrue(memory.freed(), "the runner ran the last initcall: init work freed");
    }
    requirer.join();

    assertNull(failure.get(), () -> "require failed: " + failure.get());
    assertEquals(InitcallState.DONE, runtime.find("last").state());
  }

  /** Until the thread waits to enter the monitor of {@code lock} (nothing else is timed). */
  private static void awaitBlockedOn(Thread thread, Object lock) throws InterruptedException {
    Await.value("thread '" + thread.getName() + "' to wait for the monitor of " + lock,
        () -> ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId()))
        .unlessEnded(() -> !thread.isAlive(), "the thread ended before it reached the monitor")
        .until(info -> info != null && info.getThreadState() == Thread.State.BLOCKED
            && info.getLockInfo().getIdentityHashCode() == System.identityHashCode(lock));
  }

  /** Collects garbage until nothing holds the plan any more. */
  private static void awaitCollected(Handles h) throws InterruptedException {
    Await.value("the boot plan to be collected", () -> {
      System.gc();
      return h.plan.get();
    }).until(plan -> plan == null);
  }

  /** Full collections: a weakly reachable plan would be cleared by the first. */
  private static void collectGarbage() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
  }
}
