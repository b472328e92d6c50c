package racing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.initcall4j.Initcalls;

/** Many threads require initcalls while others flush; prints the run counts and any problem. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    int threads = 32;
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    AtomicInteger problems = new AtomicInteger();
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Random random = new Random(t);
      Thread thread = new Thread(() -> {
        try {
          start.await();
          int i = random.nextInt(Modules.NAMES.length);
          if (random.nextInt(4) == 0) {
            Initcalls.flush(Modules.NAMES[i]);
          } else {
            Initcalls.require(Modules.NAMES[i]);
          }
          for (int need : Modules.NEEDS[i]) {
            if (Modules.VALUE[need] != need + 1) {
              System.out.println("problem: " + Modules.NAMES[need] + " not visible after "
                  + Modules.NAMES[i]);
              problems.incrementAndGet();
            }
          }
        } catch (Exception e) {
          System.out.println("problem: " + e);
          problems.incrementAndGet();
        }
      }, "app-" + t);
      started.add(thread);
      thread.start();
    }
    start.await();
    Initcalls.flush();
    for (Thread thread : started) {
      thread.join();
    }
    System.out.println("runs=" + Modules.RUNS + " problems=" + problems.get());
  }
}
