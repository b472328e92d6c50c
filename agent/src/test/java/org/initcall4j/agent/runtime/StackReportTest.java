package org.initcall4j.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stacks in timeout and stall reports show where a thread is stuck, down to its top frame. */
class StackReportTest {

  @Test
  void anotherThreadsStackStartsWhereItWaits() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    Thread sleeper = new Thread(() -> {
      sleeping.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // interrupted by the test when it is done
      }
    }, "sleeper");
    sleeper.start();
    try {
      assertTrue(sleeping.await(10, TimeUnit.SECONDS), "the sleeper never started");
      StringBuilder text = new StringBuilder();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!text.toString().contains("sleep") && System.nanoTime() < deadline) {
        text.setLength(0);
        WaitGraph.appendStack(text, sleeper);
        Thread.sleep(10);
      }
      String top = text.toString().lines().findFirst().orElse("");
      assertTrue(top.matches("\tat \\S*java\\.lang\\.Thread\\.sleep.*"),
          "the sleeping frame must come first:\n" + text);
    } finally {
      sleeper.interrupt();
      sleeper.join(10_000);
    }
  }

  @Test
  void ownStackLeavesOutTheReportsFrames() {
    StringBuilder text = new StringBuilder();
    WaitGraph.appendStack(text, Thread.currentThread());
    String top = text.toString().lines().findFirst().orElse("");
    assertTrue(top.contains(StackReportTest.class.getName()
        + ".ownStackLeavesOutTheReportsFrames"), text.toString());
  }
}
