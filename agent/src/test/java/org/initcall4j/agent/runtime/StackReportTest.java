package org.initcall4j.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.testing.Await;
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
      String text = Await.value("the sleeper's stack to reach Thread.sleep", () -> {
        StringBuilder stack = new StringBuilder();
        WaitGraph.appendStack(stack, sleeper);
        return stack.toString();
      }).until(stack -> stack.contains("sleep"));
      String top = text.lines().findFirst().orElse("");
      assertTrue(top.matches("\tat \\S*java\\.lang\\.Thread\\.sleep.*"),
          "the sleeping frame must come first:\n" + text);
    } finally {
      sleeper.interrupt();
      Await.ended(sleeper);
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
