package org.initcall4j.agent.runtime;

import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A bounded set of worker threads ({@code initcall-1}, {@code initcall-2}, ...) started only when
 * there is work, and ended as soon as no boot or flush needs them, so nothing lingers after boot.
 * Workers are not daemons: an initcall body runs as it would on {@code main}, and a thread it
 * starts inherits that (a server it starts keeps the JVM alive). Since no worker is idle without a
 * boot or flush in progress, the pool itself never keeps the JVM alive. Work is taken lowest plan
 * position first, which keeps parallel boot close to the sequential order.
 *
 * <p>Unlike a {@code ThreadPoolExecutor}, a worker stuck in an initcall that was given up on can
 * be {@link #release released}: it stops counting against the bound, another worker takes its
 * place, and the stuck one ends when (if ever) its initcall returns.
 */
final class InitcallPool implements Runnable {
  private record Task(int priority, long sequence, Runnable work) {}

  /** Lowest priority value first, then first submitted. A class: no lambda at start-up. */
  private static final class ByPriority implements Comparator<Task> {
    @Override
    public int compare(Task a, Task b) {
      int byPriority = Integer.compare(a.priority(), b.priority());
      return byPriority != 0 ? byPriority : Long.compare(a.sequence(), b.sequence());
    }
  }

  private final String prefix;
  private final int size;
  private final ClassLoader contextLoader;
  private final PriorityQueue<Task> queue = new PriorityQueue<>(new ByPriority());
  private final Set<Thread> workers = new HashSet<>();
  private int idle;
  /** Boots and flushes in progress that may still submit work: idle workers wait for them. */
  private int batches;
  private long submitted;
  private int named;

  InitcallPool(String prefix, int size) {
    this.prefix = prefix;
    this.size = size;
    this.contextLoader = Thread.currentThread().getContextClassLoader();
  }

  /** Runs {@code work} on a worker; it must not throw. */
  synchronized void submit(int priority, Runnable work) {
    queue.add(new Task(priority, submitted++, work));
    if (idle > 0) {
      notify();
    } else if (workers.size() < size) {
      spawn();
    }
  }

  /** The worker no longer counts against the bound; it ends after its current task. */
  synchronized void release(Thread worker) {
    if (workers.remove(worker) && !queue.isEmpty() && idle == 0) {
      spawn();
    }
  }

  /** A boot or flush that may submit work has begun: idle workers stay for it. */
  synchronized void batchStarted() {
    batches++;
  }

  /** It is over: workers with nothing to do end. */
  synchronized void batchEnded() {
    batches--;
    notifyAll();
  }

  /** Live workers, for tests and reports. */
  synchronized int liveWorkers() {
    return workers.size();
  }

  private void spawn() {
    Thread worker = new Thread(this, prefix + (++named));
    worker.setDaemon(false);
    worker.setContextClassLoader(contextLoader);
    workers.add(worker);
    worker.start();
  }

  /** A worker's loop. */
  @Override
  public void run() {
    Thread me = Thread.currentThread();
    while (true) {
      Task task = next(me);
      if (task == null) {
        return;
      }
      task.work().run();
    }
  }

  /** The next task, or null when this worker should end (released, or no batch needs it). */
  private synchronized Task next(Thread me) {
    while (workers.contains(me) && queue.isEmpty()) {
      if (batches == 0) {
        workers.remove(me);
        return null;
      }
      idle++;
      try {
        wait();
      } catch (InterruptedException e) {
        workers.remove(me);
        return null;
      } finally {
        idle--;
      }
    }
    return workers.contains(me) ? queue.poll() : null;
  }
}
