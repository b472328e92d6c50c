package org.initcall4j.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * Pool workers run initcall bodies as main would, so they are not daemons (threads an initcall
 * starts inherit that); they wait for work only while a boot or flush is in progress, so the pool
 * never keeps the JVM alive by itself.
 */
class InitcallPoolTest {
  @Test
  void workersAreNotDaemonsAndEndWhenNoBatchNeedsThem() throws Exception {
    InitcallPool pool = new InitcallPool("test-", 2);
    BlockingQueue<Thread> ranOn = new ArrayBlockingQueue<>(4);
    pool.batchStarted();
    pool.submit(0, () -> ranOn.add(Thread.currentThread()));
    Thread worker = ranOn.poll(10, TimeUnit.SECONDS);
    assertNotNull(worker, "the submitted work did not run within 10 s");

    assertFalse(worker.isDaemon(), "an initcall body runs on a non-daemon thread");
    assertTrue(worker.isAlive(), "it waits for more work while the batch runs");
    assertEquals(1, pool.liveWorkers());

    pool.batchEnded();
    Await.ended(worker); // it ends once no batch needs it, without an idle delay
    assertEquals(0, pool.liveWorkers());
  }

  @Test
  void aDaemonCallerStillGetsNonDaemonWorkers() throws Exception {
    InitcallPool[] pool = new InitcallPool[1];
    BlockingQueue<Boolean> daemon = new ArrayBlockingQueue<>(1);
    Thread caller = new Thread(() -> {
      pool[0] = new InitcallPool("test-", 1);
      pool[0].batchStarted();
      pool[0].submit(0, () -> daemon.add(Thread.currentThread().isDaemon()));
    });
    caller.setDaemon(true);
    caller.start();
    assertEquals(false, daemon.poll(10, TimeUnit.SECONDS));
    Await.ended(caller);
    pool[0].batchEnded();
  }
}
