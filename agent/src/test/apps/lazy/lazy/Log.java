package lazy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** What ran, in order; never deferred itself. */
public final class Log {
  private static final List<String> EVENTS = new ArrayList<>();
  public static final AtomicInteger SHARED_RUNS = new AtomicInteger();
  public static final CountDownLatch BASE_INITIALIZING = new CountDownLatch(1);

  private Log() {}

  public static synchronized void add(String event) {
    System.out.println("event: " + event);
    EVENTS.add(event);
  }

  public static synchronized String all() {
    return String.join(", ", EVENTS);
  }
}
