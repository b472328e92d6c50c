package lazy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.initcall4j.Initcalls;
import testapp.Log;

/** Touches deferred classes the way real programs do; the argument picks the scenario. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "on-demand" -> {
        Class.forName("lazy.Catalog"); // a plugin scan: initializes, but is no real use
        Log.add("scanned");
        Log.add("lookup " + Catalog.lookup("a"));
        Log.add("lookup " + Catalog.lookup("b"));
        Log.add("describe " + new Catalog("me").describe());
        Log.add("flush ran " + Initcalls.flush());
      }
      case "flush" -> {
        Class.forName("lazy.Catalog");
        Log.add("scanned");
        Log.add("flush ran " + Initcalls.flush());
        Log.add("lookup " + Catalog.lookup("a"));
      }
      case "order" -> {
        Log.add("touch second: " + Second.name());
        Log.add("touch first: " + First.name());
      }
      case "broken" -> {
        for (int i = 0; i < 2; i++) {
          try {
            Broken.value();
          } catch (Throwable t) {
            Log.add("use " + i + ": " + t.getClass().getSimpleName() + " cause="
                + (t.getCause() == null ? null : t.getCause().getMessage()));
          }
        }
      }
      case "race" -> race(Integer.parseInt(args[1]));
      case "superclass" -> superclassWhileFlushing();
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.println("log: " + Log.all());
  }

  /** Many threads use Shared at once while another thread flushes. */
  private static void race(int threads) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger consistent = new AtomicInteger();
    List<Thread> all = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      all.add(new Thread(() -> {
        await(start);
        if (Shared.consistent()) {
          consistent.incrementAndGet();
        }
      }, "user-" + i));
    }
    all.add(new Thread(() -> {
      await(start);
      Initcalls.flush();
    }, "flusher"));
    all.forEach(Thread::start);
    start.countDown();
    for (Thread thread : all) {
      thread.join();
    }
    Log.add("race consistent=" + consistent.get() + "/" + threads + " runs="
        + Meeting.SHARED_RUNS.get());
  }

  /** One thread initializes Base (which uses Derived) while main flushes Derived. */
  private static void superclassWhileFlushing() throws Exception {
    Meeting.flusher = Thread.currentThread();
    Thread user = new Thread(() -> {
      try {
        Class.forName("lazy.Base");
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }, "user");
    user.start();
    Meeting.BASE_INITIALIZING.await();
    Log.add("flush ran " + Initcalls.flush());
    user.join();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
