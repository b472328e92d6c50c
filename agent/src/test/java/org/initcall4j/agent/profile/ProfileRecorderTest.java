package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The recorder on its own: each thread's stack and log, with threads taking turns mid-stack (so
 * the log cached for the last thread changes hands), failures, and names made dotted on reading.
 */
class ProfileRecorderTest {

  /** Runs {@code step} once {@code mine} is released, then releases {@code theirs}. */
  private static void turn(Semaphore mine, Semaphore theirs, Runnable step) {
    try {
      assertTrue(mine.tryAcquire(20, TimeUnit.SECONDS), "the other thread never took its turn");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    step.run();
    theirs.release();
  }

  @Test
  void threadsTakingTurnsMidStackKeepTheirOwnNesting() throws Exception {
    Semaphore first = new Semaphore(1);
    Semaphore second = new Semaphore(0);
    Throwable[] failure = new Throwable[1];
    Thread other = new Thread(() -> {
      try {
        turn(second, first, () -> {
          ProfileRecorder.enter("rec/turns/B");
          ProfileRecorder.enter("rec/turns/C");
        });
        turn(second, first, () -> {
          ProfileRecorder.exitFailed(); // C threw
          ProfileRecorder.exit(); // B
        });
      } catch (Throwable t) {
        failure[0] = t;
        first.release();
      }
    }, "recorder-other");
    other.start();
    turn(first, second, () -> ProfileRecorder.enter("rec.turns.A"));
    turn(first, second, ProfileRecorder::exit); // A, while B and C are still running there
    assertTrue(first.tryAcquire(20, TimeUnit.SECONDS), "the other thread did not finish");
    other.join(20_000);
    assertNull(failure[0], () -> "the other thread failed: " + failure[0]);

    Map<String, ClinitTiming> byName = ProfileRecorder.snapshot().stream()
        .filter(t -> t.className().startsWith("rec.turns."))
        .collect(Collectors.toMap(ClinitTiming::className, Function.identity()));
    assertEquals(List.of("rec.turns.A", "rec.turns.B", "rec.turns.C"),
        byName.keySet().stream().sorted().toList());
    ClinitTiming a = byName.get("rec.turns.A");
    ClinitTiming b = byName.get("rec.turns.B");
    ClinitTiming c = byName.get("rec.turns.C");
    assertEquals(Thread.currentThread().getName(), a.thread());
    assertNull(a.nestedIn());
    assertEquals(a.inclusiveNanos(), a.exclusiveNanos());
    assertEquals("recorder-other", b.thread());
    assertEquals("rec.turns.B", c.nestedIn(), "C ran inside B, on B's thread");
    assertNull(b.nestedIn());
    assertTrue(c.failed(), c.toString());
    assertTrue(!b.failed() && !a.failed(), b + " " + a);
    assertEquals(b.inclusiveNanos() - c.inclusiveNanos(), b.exclusiveNanos());
    assertTrue(b.inclusiveNanos() >= c.inclusiveNanos(), b + " " + c);
  }

  @Test
  void snapshotIsInTheOrderTheyFinishedAndAnUnpairedExitIsIgnored() {
    ProfileRecorder.exit(); // no enter on this thread: nothing to pair it with
    ProfileRecorder.enter("rec/order/Outer");
    for (int i = 0; i < 40; i++) { // past the first capacity of the arrays
      ProfileRecorder.enter("rec/order/Inner" + i);
      ProfileRecorder.exit();
    }
    ProfileRecorder.exit();

    List<String> names = ProfileRecorder.snapshot().stream().map(ClinitTiming::className)
        .filter(n -> n.startsWith("rec.order.")).toList();
    assertEquals(41, names.size(), names.toString());
    assertEquals("rec.order.Inner0", names.get(0));
    assertEquals("rec.order.Inner39", names.get(39));
    assertEquals("rec.order.Outer", names.get(40), "the outer one finished last");
  }
}
