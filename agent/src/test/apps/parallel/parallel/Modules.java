package parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.initcall4j.Initcall;
import org.initcall4j.Level;

/** Initcalls that prove where and how they ran: which thread, in parallel or not. */
final class Modules {
  static final List<String> LOG = new ArrayList<>();
  /** left and right each wait here for the other: they pass only when they run in parallel. */
  private static final CountDownLatch MEETING = new CountDownLatch(2);

  private Modules() {}

  static void log(String what) {
    synchronized (LOG) {
      LOG.add(what + "@" + Thread.currentThread().getName());
    }
  }

  static String log() {
    synchronized (LOG) {
      return String.join(" ", LOG);
    }
  }

  private static void meet(String who) throws InterruptedException {
    MEETING.countDown();
    if (!MEETING.await(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException(who + " ran alone: left and right did not run in parallel");
    }
    log(who);
  }

  @Initcall(name = "left", level = Level.CORE, async = true)
  static void left() throws InterruptedException {
    meet("left");
  }

  @Initcall(name = "right", level = Level.CORE, async = true)
  static void right() throws InterruptedException {
    meet("right");
  }

  @Initcall(name = "joined", level = Level.SUBSYS, after = {"left", "right"}, async = true)
  static void joined() {
    log("joined");
  }

  @Initcall(name = "pinned", mainThread = true)
  static void pinned() {
    log("pinned");
  }

  @Initcall(name = "plain")
  static void plain() {
    log("plain");
  }

  @Initcall(name = "broken", async = true)
  static void broken() {
    throw new IllegalStateException("broken on purpose");
  }

  @Initcall(name = "needs-broken", after = "broken", async = true)
  static void needsBroken() {
    log("needs-broken");
  }

  @Initcall(name = "slow", level = Level.LATE, deferred = true)
  static void slow() throws InterruptedException {
    Thread.sleep(Long.getLong("slow.millis", 0));
    log("slow");
  }

  @Initcall(name = "after-slow", level = Level.LATE, after = "slow", deferred = true, async = true)
  static void afterSlow() {
    log("after-slow");
  }
}
