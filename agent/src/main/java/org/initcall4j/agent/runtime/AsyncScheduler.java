package org.initcall4j.agent.runtime;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a boot or flush needs threads other than the caller's and, if so, runs it as a
 * {@link ParallelRun}. Owns the pool ({@code initcall-N}, created on first use) and the one-thread
 * lane ({@code initcall-seq-1}) that {@code timeout.skip} uses to keep the booting thread free.
 */
final class AsyncScheduler {
  private final RuntimeSettings settings;
  private final WaitGraph waits;
  private final Set<ParallelRun> active = ConcurrentHashMap.newKeySet();
  // made on first use (no thread until work is submitted); guarded by this
  private InitcallPool pool;
  private InitcallPool lane;

  AsyncScheduler(RuntimeSettings settings, WaitGraph waits) {
    this.settings = settings;
    this.waits = waits;
  }

  WaitGraph waits() {
    return waits;
  }

  /** True when some initcall of the batch must leave the calling thread. */
  boolean needed(List<InitcallRecord> batch) {
    for (InitcallRecord record : batch) {
      if (settings.onPool(record) || settings.offBootingThread(record)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs the batch (closed under non-terminal prerequisites), plan order; returns the initcalls it
   * ran or skipped.
   */
  List<InitcallRecord> run(String what, List<InitcallRecord> batch, InitcallRuntime runtime) {
    ParallelRun run = new ParallelRun(what, batch, settings, this, runtime);
    InitcallPool[] pools = pools();
    active.add(run);
    for (InitcallPool used : pools) {
      used.batchStarted();
    }
    try {
      return run.run();
    } finally {
      active.remove(run);
      for (InitcallPool used : pools) {
        used.batchEnded(); // their workers end unless another batch still runs
      }
    }
  }

  private synchronized InitcallPool[] pools() {
    if (pool == null) {
      pool = new InitcallPool("initcall-", settings.threads());
      lane = new InitcallPool("initcall-seq-", 1);
    }
    return new InitcallPool[] {pool, lane};
  }

  synchronized void submit(boolean onPool, int priority, Runnable work) {
    (onPool ? pool : lane).submit(priority, work);
  }

  /** An initcall was given up on: its batch goes on without it, its thread leaves the pool. */
  void gaveUp(InitcallRecord record, Thread stuck) {
    synchronized (this) {
      if (pool != null) {
        pool.release(stuck);
      }
      if (lane != null) {
        lane.release(stuck);
      }
    }
    for (ParallelRun run : active) {
      if (run.contains(record)) {
        run.completed(record, true, null);
      }
    }
  }
}
