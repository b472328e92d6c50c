package org.initcall4j.agent.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One boot or flush that uses the pool. Each initcall of the batch starts only when everything it
 * needs is terminal: pool initcalls on the pool as soon as they are ready, the others on the calling
 * thread (or, with {@code timeout.skip}, on a one-thread lane) strictly in plan order. The calling
 * thread returns when every initcall of the batch is terminal. Pool threads never wait for a
 * prerequisite (they only get ready work), so a bounded pool cannot starve itself.
 */
final class ParallelRun implements Blocker {
  private final String what;
  private final List<InitcallRecord> batch;
  private final RuntimeSettings settings;
  private final AsyncScheduler scheduler;
  private final InitcallRuntime runtime;
  private final int[] localOf;
  private final int[] waiting;
  private final List<List<Integer>> dependents;
  private final boolean[] completed;
  private final ArrayDeque<InitcallRecord> inOrder = new ArrayDeque<>();
  private final Set<Thread> holders = ConcurrentHashMap.newKeySet();
  private int remaining;
  private int inFlight;
  private final List<InitcallRecord> ran = new ArrayList<>();
  private boolean laneBusy;
  private RuntimeException failure;

  ParallelRun(String what, List<InitcallRecord> batch, RuntimeSettings settings,
      AsyncScheduler scheduler, InitcallRuntime runtime) {
    this.what = what;
    this.batch = batch;
    this.settings = settings;
    this.scheduler = scheduler;
    this.runtime = runtime;
    int maxPosition = -1;
    for (InitcallRecord record : batch) {
      maxPosition = Math.max(maxPosition, record.position());
    }
    localOf = new int[maxPosition + 1];
    Arrays.fill(localOf, -1);
    for (int i = 0; i < batch.size(); i++) {
      localOf[batch.get(i).position()] = i;
    }
    waiting = new int[batch.size()];
    completed = new boolean[batch.size()];
    dependents = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      dependents.add(new ArrayList<>(2));
    }
    for (int i = 0; i < batch.size(); i++) {
      for (InitcallRecord need : batch.get(i).prerequisites()) {
        int local = indexOf(need);
        if (local >= 0) {
          waiting[i]++;
          dependents.get(local).add(i);
        }
      }
    }
    remaining = batch.size();
  }

  /** Runs the batch; returns the initcalls it ran or skipped. */
  List<InitcallRecord> run() {
    synchronized (this) {
      for (int i = 0; i < batch.size(); i++) {
        InitcallRecord record = batch.get(i);
        if (!settings.onPool(record)) {
          inOrder.add(record);
        } else if (waiting[i] == 0) {
          dispatch(record, true);
        }
      }
    }
    for (InitcallRecord next = nextOnThisThread(); next != null; next = nextOnThisThread()) {
      execute(next);
    }
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
      return List.copyOf(ran);
    }
  }

  /** The next initcall to run on the calling thread, or null when the batch is over. */
  private synchronized InitcallRecord nextOnThisThread() {
    WaitGraph.Wait wait = null;
    try {
      while (failure == null ? remaining > 0 : inFlight > 0) {
        InitcallRecord next = failure != null || laneBusy ? null : inOrder.peek();
        if (next != null && waiting[indexOf(next)] == 0) {
          inOrder.poll();
          if (!settings.offBootingThread(next)) {
            return next;
          }
          laneBusy = true;
          dispatch(next, false);
          continue;
        }
        if (wait == null) {
          wait = scheduler.waits().enter(this);
        }
        wait(scheduler.waits().sliceMillis());
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new IllegalStateException("interrupted while waiting for the initcalls of " + what, e);
      throw failure;
    } catch (InitcallDeadlockException e) {
      failure = e;
      throw e;
    } finally {
      if (wait != null) {
        scheduler.waits().leave(wait);
      }
    }
  }

  private void dispatch(InitcallRecord record, boolean onPool) {
    inFlight++;
    scheduler.submit(onPool, record.position(), new OnWorker(record));
  }

  /** One initcall of this batch on a worker. A class, not a lambda: no indy at start-up. */
  private final class OnWorker implements Runnable {
    private final InitcallRecord record;

    OnWorker(InitcallRecord record) {
      this.record = record;
    }

    @Override
    public void run() {
      Thread me = Thread.currentThread();
      holders.add(me);
      try {
        execute(record);
      } finally {
        holders.remove(me);
      }
    }
  }

  private void execute(InitcallRecord record) {
    boolean didRun = false;
    RuntimeException error = null;
    try {
      didRun = runtime.runOne(record);
    } catch (RuntimeException e) {
      error = e;
    } catch (Error e) {
      error = new IllegalStateException("initcall4j failed running '" + record.name() + "'", e);
    }
    completed(record, didRun, error);
  }

  /** Counts a batch member as terminal (also when it was given up on while still running). */
  synchronized void completed(InitcallRecord record, boolean didRun, RuntimeException error) {
    int local = indexOf(record);
    if (local < 0 || completed[local]) {
      return;
    }
    completed[local] = true;
    remaining--;
    if (settings.onPool(record)) {
      inFlight--;
    } else if (settings.offBootingThread(record)) {
      inFlight--;
      laneBusy = false;
    }
    if (didRun) {
      ran.add(record);
    }
    if (error != null && failure == null) {
      failure = error;
    }
    for (int dependent : dependents.get(local)) {
      InitcallRecord next = batch.get(dependent);
      if (--waiting[dependent] == 0 && failure == null && settings.onPool(next)) {
        dispatch(next, true);
      }
    }
    notifyAll();
  }

  boolean contains(InitcallRecord record) {
    return indexOf(record) >= 0;
  }

  private int indexOf(InitcallRecord record) {
    int position = record.position();
    return position < localOf.length ? localOf[position] : -1;
  }

  @Override
  public String describe() {
    return "the initcalls of " + what;
  }

  @Override
  public Collection<Thread> holders() {
    return List.copyOf(holders);
  }
}
