package entry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.initcall4j.Initcalls;

/**
 * Threads call a deferred entry point before and while another thread flushes it: every call
 * must run exactly once, and each thread's calls in the order it made them.
 */
public final class Race {
  private Race() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int calls = Integer.parseInt(args[1]);
    Counter.threads(threads);
    CyclicBarrier half = new CyclicBarrier(threads + 1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      all.add(new Thread(() -> {
        for (int call = 0; call < calls; call++) {
          if (call == calls / 2) {
            await(half); // the first half is surely parked; the rest races the flush
          }
          Counter.hit(thread, call);
        }
      }));
    }
    all.forEach(Thread::start);
    await(half);
    int ran = Initcalls.flush();
    for (Thread thread : all) {
      thread.join();
    }
    int total = 0;
    int ordered = 0;
    for (List<Integer> run : Counter.runs()) {
      total += run.size();
      boolean inOrder = true;
      for (int i = 0; i < run.size(); i++) {
        inOrder &= run.get(i) == i;
      }
      ordered += inOrder && run.size() == calls ? 1 : 0;
    }
    System.out.println("flush ran " + ran + ", calls run " + total + ", threads in order "
        + ordered + "/" + threads);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
