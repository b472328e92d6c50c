package tangle;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.initcall4j.Initcall;
import org.initcall4j.Initcalls;

/** Initcalls that wait for each other through another thread, as real code sometimes does. */
final class Modules {
  static final CountDownLatch X_STARTED = new CountDownLatch(1);
  static final CountDownLatch Y_STARTED = new CountDownLatch(1);
  static final CountDownLatch CACHE_STARTED = new CountDownLatch(1);
  static final CountDownLatch REGISTRY_INITIALIZING = new CountDownLatch(1);

  private Modules() {}

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other thread never came");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs on the flushing thread and needs y, which another thread is running. */
  @Initcall(name = "x", deferred = true)
  static void x() {
    X_STARTED.countDown();
    await(Y_STARTED);
    Initcalls.require("y");
  }

  /** Its static initializer (class Lazy) needs x, which the flushing thread is running. */
  @Initcall(name = "y", deferred = true)
  static void y() {
    Y_STARTED.countDown();
    await(X_STARTED);
    Lazy.touch();
  }

  /** Needs class Registry, whose static initializer another thread is running and which needs this. */
  @Initcall(name = "cache", deferred = true)
  static void cache() {
    CACHE_STARTED.countDown();
    await(REGISTRY_INITIALIZING);
    Registry.touch();
  }
}
