package lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.initcall4j.Initcall;
import org.initcall4j.Level;

/** Deferred initcalls whose work must not be lost at exit, and one that starts a server. */
final class Modules {
  /** Counted down when slow has started, so main can exit in the middle of it. */
  static final CountDownLatch SLOW_STARTED = new CountDownLatch(1);
  /** The lock a slow step takes: main holds it while exiting in the deadlock case. */
  static final Object SHARED = new Object();
  /** Counted down when the server thread runs. */
  static final CountDownLatch SERVER_STARTED = new CountDownLatch(1);

  private Modules() {}

  @Initcall(name = "boot", level = Level.CORE)
  static void boot() throws InterruptedException {
    for (int i = 1; i <= Integer.getInteger("boot.steps", 1); i++) {
      Thread.sleep(Long.getLong("boot.step.millis", 0));
      System.out.println("progress boot-" + i);
    }
  }

  /** Some work in steps (the sleeps are the work, not synchronization). */
  @Initcall(name = "slow", deferred = true)
  static void slow() throws InterruptedException {
    System.out.println("slow: started");
    SLOW_STARTED.countDown();
    int steps = Integer.getInteger("slow.steps", 5);
    for (int i = 1; i <= steps; i++) {
      Thread.sleep(Long.getLong("slow.step.millis", 100));
      synchronized (SHARED) {
        System.out.println("progress slow-" + i);
      }
    }
    System.out.println("slow: done");
  }

  @Initcall(name = "idle", level = Level.LATE, deferred = true)
  static void idle() {
    System.out.println("idle: ran");
  }

  /**
   * A server: a thread that runs until "stop" on stdin. It must keep the JVM alive as it would
   * if main had started it, whichever thread ran this initcall.
   */
  @Initcall(name = "server", level = Level.LATE, deferred = true)
  static void server() {
    Thread serving = new Thread(Modules::serve, "lifecycle-server");
    serving.start();
    System.out.println("server: started on " + Thread.currentThread().getName() + " daemon="
        + serving.isDaemon());
    SERVER_STARTED.countDown();
  }

  private static void serve() {
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null && !line.equals("stop"); ) {
        System.out.println("server: got " + line);
      }
    } catch (IOException e) {
      System.out.println("server: " + e);
    }
    System.out.println("server: stopped");
  }
}
