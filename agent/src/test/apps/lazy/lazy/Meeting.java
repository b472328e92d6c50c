package lazy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** What the threads of a scenario tell each other; never deferred itself. */
final class Meeting {
  static final AtomicInteger SHARED_RUNS = new AtomicInteger();
  static final CountDownLatch BASE_INITIALIZING = new CountDownLatch(1);
  /** The thread that flushes while Base is being initialized. */
  static volatile Thread flusher;

  private Meeting() {}
}
