package org.initcall4j.agent.runtime;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the runtime does when the JVM exits, on the one shutdown hook it registers (only when it
 * has deferred initcalls): it lets the boots, flushes and requires in progress finish, replays
 * the calls parked for deferred entry points (or drops them, with {@code exit.parked=drop}), and
 * says which deferred initcalls never ran. All of it within {@code exit.wait}; whatever the bound
 * cuts short is named on stderr, and so is a wait that could never end (a flush waiting for a
 * lock the exiting thread holds is not waited for).
 */
final class ExitWork implements Runnable {
  private static final long SLICE_MILLIS = 50;
  private static final long FIRST_STUCK_CHECK_MILLIS = 100;
  private static final long STUCK_CHECK_MILLIS = 250;

  private final InitcallRuntime runtime;
  private final RunsInProgress runs;
  private final ExitSettings settings;
  private final PrintStream out;
  private final CountDownLatch finished = new CountDownLatch(1);
  /** Threads found unable to finish, named once: the exit waits for them no more. */
  private final Set<Thread> givenUp = new HashSet<>();
  private volatile boolean started;

  ExitWork(InitcallRuntime runtime, RunsInProgress runs, ExitSettings settings,
      PrintStream out) {
    this.runtime = runtime;
    this.runs = runs;
    this.settings = settings;
    this.out = out;
  }

  /** True once the JVM has begun to exit: operators' flushes are no longer started. */
  boolean started() {
    return started;
  }

  /** Waits until the exit work is over, at most its bound and a second more. */
  void awaitFinished() throws InterruptedException {
    finished.await(settings.waitMillis() + 1_000, TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    started = true;
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.waitMillis());
      awaitRunsInProgress(deadline);
      Set<String> withCalls = settings.replayParked() ? replayParked(deadline) : dropParked();
      listNeverRan(withCalls);
    } catch (RuntimeException | InterruptedException e) {
      out.println("initcall4j: at exit: the exit work failed: " + e);
    } finally {
      finished.countDown();
    }
  }

  /** Waits for every boot, flush and require in progress, except those that cannot finish. */
  private void awaitRunsInProgress(long deadline) throws InterruptedException {
    long nextCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FIRST_STUCK_CHECK_MILLIS);
    while (true) {
      List<Thread> busy = busyThreads();
      busy.removeAll(givenUp);
      if (busy.isEmpty()) {
        return;
      }
      long now = System.nanoTime();
      if (now - deadline >= 0) {
        for (Thread thread : busy) {
          out.println("initcall4j: at exit: " + settings.waitOption() + " is over; "
              + runningOn(thread) + " is still running on thread " + thread.getName()
              + " and is cut short");
        }
        return;
      }
      if (now - nextCheck >= 0) {
        for (Map.Entry<Thread, String> stuck : StuckAtExit.find(busy).entrySet()) {
          givenUp.add(stuck.getKey());
          out.println("initcall4j: at exit: " + runningOn(stuck.getKey()) + " cannot finish: "
              + stuck.getValue() + "; not waiting for it");
        }
        nextCheck = now + TimeUnit.MILLISECONDS.toNanos(STUCK_CHECK_MILLIS);
      }
      runs.awaitChange(Math.min(SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - now) + 1));
    }
  }

  /** Threads in a boot, flush or require, and those running an initcall for one (the pool). */
  private List<Thread> busyThreads() {
    List<Thread> busy = runs.threads();
    for (InitcallRecord record : runtime.records()) {
      Thread runner = record.state() == InitcallState.RUNNING ? record.runner() : null;
      if (runner != null && !busy.contains(runner)) {
        busy.add(runner);
      }
    }
    busy.remove(Thread.currentThread());
    return busy;
  }

  /** "initcall usb" for the initcall the thread runs, or "a flush" between two initcalls. */
  private String runningOn(Thread thread) {
    for (InitcallRecord record : runtime.records()) {
      if (record.runner() == thread) {
        return "initcall " + record.name();
      }
    }
    return "a flush";
  }

  /** The deferred initcalls not over yet that have a parked queue, in plan order. */
  private Map<InitcallRecord, ParkedQueue> queues() {
    Map<InitcallRecord, ParkedQueue> queues = new LinkedHashMap<>();
    for (InitcallRecord record : runtime.records()) {
      ParkedQueue queue = record.spec().deferred() && !record.state().isTerminal()
          ? runtime.parkedQueue(record) : null;
      if (queue != null) {
        queues.put(record, queue);
      }
    }
    return queues;
  }

  /**
   * Replays on a thread of its own, so that the bound holds however long the calls take.
   *
   * @return the names of the initcalls that had parked calls
   */
  private Set<String> replayParked(long deadline) throws InterruptedException {
    Map<InitcallRecord, ParkedQueue> queues = queues();
    Set<String> stuck = new HashSet<>();
    for (Iterator<Map.Entry<InitcallRecord, ParkedQueue>> it = queues.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<InitcallRecord, ParkedQueue> entry = it.next();
      InitcallRecord record = entry.getKey();
      ParkedQueue queue = entry.getValue();
      if (queue.closeIfEmpty()) {
        it.remove(); // nothing parked: the usual exit starts no thread at all
      } else if (record.state() == InitcallState.RUNNING) {
        // still replaying on a thread the wait above gave up on: no other thread can take over
        it.remove();
        stuck.add(record.name());
        ParkedQueue.Stopped stopped = queue.stop();
        out.println("initcall4j: at exit: the replay of the parked calls of " + record.name()
            + " (" + queue.target() + ") cannot go on: "
            + (stopped.midCall() ? "1 cut short in the middle, " : "") + stopped.dropped()
            + " dropped");
      }
    }
    if (queues.isEmpty()) {
      return stuck;
    }
    Replay replay = new Replay(runtime, queues, out);
    Thread thread = new Thread(replay, "initcall4j-exit");
    thread.start();
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left > 0) {
      thread.join(left);
    }
    if (thread.isAlive()) {
      Set<InitcallRecord> reported = replay.cut();
      for (Map.Entry<InitcallRecord, ParkedQueue> entry : queues.entrySet()) {
        ParkedQueue queue = entry.getValue();
        ParkedQueue.Stopped stopped = queue.stop();
        int replayed = stopped.replayed() - replay.before(entry.getKey());
        if (!reported.contains(entry.getKey())
            && (replayed > 0 || stopped.dropped() > 0 || stopped.midCall())) {
          out.println("initcall4j: at exit: " + settings.waitOption() + " is over while"
              + " replaying the parked calls of " + entry.getKey().name() + " ("
              + queue.target() + "): " + replayed + " replayed, "
              + (stopped.midCall() ? "1 cut short in the middle, " : "") + stopped.dropped()
              + " dropped");
        }
      }
      awaitRunsInProgress(System.nanoTime()); // names what is still running, waits no more
    }
    stuck.addAll(replay.withCalls());
    return stuck;
  }

  /** {@code exit.parked=drop}: ends parking, and counts what is dropped. */
  private Set<String> dropParked() {
    Set<String> withCalls = new HashSet<>();
    for (Map.Entry<InitcallRecord, ParkedQueue> entry : queues().entrySet()) {
      InitcallRecord record = entry.getKey();
      ParkedQueue.Stopped stopped = entry.getValue().stop();
      if (stopped.dropped() == 0) {
        continue;
      }
      withCalls.add(record.name());
      record.noteAtExit("never ran; its " + calls(stopped.dropped())
          + " dropped at exit (exit.parked=drop)");
      out.println("initcall4j: at exit: dropped " + calls(stopped.dropped()) + " of "
          + record.name() + " (" + entry.getValue().target() + "): exit.parked=drop");
    }
    return withCalls;
  }

  /** Deferred initcalls that never ran: in the report always, on stderr with debug. */
  private void listNeverRan(Set<String> withCalls) {
    List<String> names = new ArrayList<>();
    for (InitcallRecord record : runtime.pendingDeferred()) {
      if (!withCalls.contains(record.name())) {
        record.noteAtExit("never ran (not flushed before exit)");
        names.add(record.name());
      }
    }
    if (settings.debug() && !names.isEmpty()) {
      out.println("initcall4j: at exit: " + names.size() + " deferred initcall"
          + (names.size() == 1 ? "" : "s") + " never ran: " + String.join(", ", names));
    }
  }

  static String calls(int count) {
    return count + " parked call" + (count == 1 ? "" : "s");
  }

  /** The replay, on thread {@code initcall4j-exit}: each initcall with parked calls, in order. */
  private static final class Replay implements Runnable {
    private final InitcallRuntime runtime;
    private final Map<InitcallRecord, ParkedQueue> queues;
    private final PrintStream out;
    private final Map<InitcallRecord, Integer> before = new LinkedHashMap<>();
    // guarded by this
    private final Set<String> withCalls = new HashSet<>();
    private final Set<InitcallRecord> reported = new HashSet<>();
    private boolean cut;

    Replay(InitcallRuntime runtime, Map<InitcallRecord, ParkedQueue> queues, PrintStream out) {
      this.runtime = runtime;
      this.queues = queues;
      this.out = out;
      for (Map.Entry<InitcallRecord, ParkedQueue> entry : queues.entrySet()) {
        before.put(entry.getKey(), entry.getValue().replayed());
      }
    }

    synchronized int before(InitcallRecord record) {
      return before.get(record);
    }

    synchronized Set<String> withCalls() {
      return new HashSet<>(withCalls);
    }

    /**
     * The bound is over: this thread says no more, the hook says the rest.
     *
     * @return the initcalls whose replay this thread has already reported
     */
    synchronized Set<InitcallRecord> cut() {
      cut = true;
      return new HashSet<>(reported);
    }

    @Override
    public void run() {
      for (Map.Entry<InitcallRecord, ParkedQueue> entry : queues.entrySet()) {
        replay(entry.getKey(), entry.getValue());
      }
    }

    /** Runs the initcall until no call is parked for it, then ends its parking. */
    private void replay(InitcallRecord record, ParkedQueue queue) {
      List<InitcallRecord> waiting = runtime.pendingDeferred();
      try {
        while (!queue.closeIfEmpty()) {
          synchronized (this) {
            withCalls.add(record.name());
          }
          runtime.flush(record.name());
        }
      } catch (RuntimeException e) {
        out.println("initcall4j: at exit: replaying the parked calls of " + record.name()
            + " failed: " + e);
        return;
      }
      int replayed = queue.replayed() - before(record);
      if (replayed == 0) {
        return;
      }
      List<String> first = new ArrayList<>();
      for (InitcallRecord other : waiting) {
        if (other != record && other.state().isTerminal() && !queues.containsKey(other)) {
          first.add(other.name());
        }
      }
      synchronized (this) {
        if (!cut) {
          reported.add(record);
          out.println("initcall4j: at exit: replayed " + calls(replayed) + " of "
              + record.name() + " (" + queue.target() + ")" + (first.isEmpty() ? ""
              : "; ran first what it needs: " + String.join(", ", first)));
        }
      }
    }
  }
}
