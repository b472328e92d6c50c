package org.initcall4j.agent.runtime;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.initcall4j.agent.graph.BootPlan;
import org.initcall4j.agent.graph.InitcallGroup;

/**
 * Runs initcalls in plan order, each exactly once, whichever thread asks first: boot, a flush, or
 * on-demand {@link #require}. Failure semantics are the kernel's: a failing initcall is reported
 * and marked failed, everything that needs it is skipped and reported, and the rest goes on.
 */
public final class InitcallRuntime {
  /** Null once {@link InitMemory} released it: nothing can run any more. */
  private volatile BootPlan plan;
  private final List<InitcallRecord> records;
  private final List<GroupRecord> groups;
  /** The group of the initcall at each position, null for none; null when there are no groups. */
  private final GroupRecord[] groupAt;
  /** Null once {@link InitMemory} released it. */
  private volatile Invoker invoker;
  private final List<InitcallListener> listeners = new CopyOnWriteArrayList<>();
  private final long originNanos = System.nanoTime();
  private final AsyncScheduler scheduler;
  private final PrintStream reports;
  private final RunsInProgress runs = new RunsInProgress();
  /** Set once, when the exit work is registered; null when nothing is deferred. */
  private volatile ExitWork exitWork;
  /** Flushes that ran something, for the trace; guarded by itself. */
  private final List<FlushMark> flushMarks = new ArrayList<>(0);
  private long emptyFlushes; // guarded by flushMarks

  /** Sequential, no timeout. */
  public InitcallRuntime(BootPlan plan, Invoker invoker) {
    this(plan, invoker, RuntimeSettings.defaults(), System.err);
  }

  /**
   * @param settings async, pool size, timeouts
   * @param reports where timeouts, stalls and late returns are reported
   */
  public InitcallRuntime(BootPlan plan, Invoker invoker, RuntimeSettings settings,
      PrintStream reports) {
    this.plan = plan;
    this.invoker = invoker;
    this.reports = reports;
    WaitGraph waits = new WaitGraph(settings.stallMillis(), reports);
    this.scheduler = new AsyncScheduler(settings, waits);
    if (settings.timeoutMillis() > 0) {
      listeners.add(new Watchdog(this, waits, settings.timeoutMillis(),
          settings.skipOnTimeout(), reports));
    }
    this.records = new ArrayList<>(plan.size());
    for (int i = 0; i < plan.size(); i++) {
      records.add(new InitcallRecord(plan.order().get(i), i, waits));
    }
    for (int i = 0; i < plan.size(); i++) {
      List<InitcallRecord> needs = new ArrayList<>();
      for (int position : plan.prerequisites(i)) {
        needs.add(records.get(position));
      }
      records.get(i).prerequisites(needs);
    }
    List<GroupRecord> planGroups = new ArrayList<>(plan.groups().size());
    this.groupAt = plan.groups().isEmpty() ? null : new GroupRecord[plan.size()];
    for (InitcallGroup group : plan.groups()) {
      List<InitcallRecord> parts = new ArrayList<>();
      int[] positions = group.parts();
      for (int position : positions) {
        parts.add(records.get(position));
      }
      GroupRecord made = new GroupRecord(group.name(), group.level(), parts);
      planGroups.add(made);
      for (int position : positions) {
        groupAt[position] = made;
      }
    }
    this.groups = List.copyOf(planGroups);
  }

  public void addListener(InitcallListener listener) {
    listeners.add(listener);
  }

  /** All initcalls in plan order. */
  public List<InitcallRecord> records() {
    return records;
  }

  /** Nanoseconds since this runtime was created. */
  public long elapsedNanos() {
    return System.nanoTime() - originNanos;
  }

  /** The groups (names in partOf that no initcall has), in the order they are first named. */
  public List<GroupRecord> groups() {
    return groups;
  }

  /** The named group, or null. */
  public GroupRecord group(String name) {
    for (GroupRecord group : groups) {
      if (group.name().equals(name)) {
        return group;
      }
    }
    return null;
  }

  /** The group the initcall is a part of (at any depth), or null. */
  public GroupRecord groupOf(InitcallRecord record) {
    return groupAt == null ? null : groupAt[record.position()];
  }

  /** Whether an initcall or a group has that name. */
  public boolean knows(String name) {
    return find(name) != null || group(name) != null;
  }

  /** Every initcall's name, then every group's: what a misspelt name is compared with. */
  public List<String> names() {
    List<String> names = new ArrayList<>(records.size() + groups.size());
    for (InitcallRecord record : records) {
      names.add(record.name());
    }
    for (GroupRecord group : groups) {
      names.add(group.name());
    }
    return names;
  }

  /**
   * Switches off the named initcall, or every part of the named group, before boot: it never
   * runs, and what needs it is skipped (the kernel's {@code initcall_blacklist}).
   *
   * @param reason who asked, for reports: {@code option 'disable'}
   * @return false when no initcall or group has that name
   */
  public boolean disable(String name, String reason) {
    InitcallRecord record = find(name);
    GroupRecord group = record == null ? group(name) : null;
    if (record == null && group == null) {
      return false;
    }
    for (InitcallRecord each : record != null ? List.of(record) : group.parts()) {
      if (!each.state().isTerminal() && each.state() != InitcallState.RUNNING) {
        each.disable(reason);
      }
    }
    return true;
  }

  /**
   * The {@link System#nanoTime()} at which this runtime was created, the zero of every time it
   * records: other clocks on nanoTime (profile mode's) are placed on its time line with it.
   */
  public long originNanos() {
    return originNanos;
  }

  /** Every flush that ran something so far, in the order they ended. */
  public List<FlushMark> flushMarks() {
    synchronized (flushMarks) {
      return List.copyOf(flushMarks);
    }
  }

  /** How many flushes found nothing left to run. */
  public long emptyFlushes() {
    synchronized (flushMarks) {
      return emptyFlushes;
    }
  }

  private void markFlush(String what, long startNanos, FlushResult result) {
    long end = elapsedNanos();
    synchronized (flushMarks) {
      if (result.ran() == 0) {
        emptyFlushes++;
        return;
      }
      Thread flushing = Thread.currentThread();
      flushMarks.add(new FlushMark(what, flushing.getName(), flushing.getId(), startNanos,
          end - startNanos, result.ran()));
    }
  }

  /** The named initcall, or null. */
  public InitcallRecord find(String name) {
    BootPlan current = plan;
    if (current == null) {
      return InitMemory.find(records, name);
    }
    int position = current.positionOf(name);
    return position < 0 ? null : records.get(position);
  }

  /**
   * True once {@link InitMemory} dropped the plan: each record's declaration has lost its
   * dependency lists and origin, and its links to prerequisites.
   */
  public boolean initWorkReleased() {
    return plan == null;
  }

  /** Drops the plan, the invoker and each record's run-only data; see {@link InitMemory}. */
  void releaseInitWork() {
    plan = null;
    invoker = null;
    for (InitcallRecord record : records) {
      record.releaseInitWork();
    }
  }

  /**
   * Registers the exit work ({@link ExitWork}) as one shutdown hook, when there is something
   * deferred: a flush in progress at exit is finished and parked calls are replayed or dropped,
   * within {@code exit.wait}. Without deferred initcalls, nothing is registered.
   *
   * @return true when the hook was registered
   */
  public boolean finishDeferredWorkAtExit(ExitSettings settings) {
    boolean deferred = false;
    for (InitcallRecord record : records) {
      deferred |= record.spec().deferred();
    }
    if (!deferred || exitWork != null) {
      return false;
    }
    ExitWork work = new ExitWork(this, runs, settings, reports);
    Runtime.getRuntime().addShutdownHook(new Thread(work, "initcall4j-exit-hook"));
    exitWork = work;
    return true;
  }

  /** True once the JVM exits and the exit work has begun: operators' flushes do not start. */
  public boolean exiting() {
    ExitWork work = exitWork;
    return work != null && work.started();
  }

  /**
   * Waits for the exit work to end, if it is registered (bounded by {@code exit.wait}): what runs
   * at exit after it, such as the boot report, then sees what it did.
   */
  public void awaitExitWork() throws InterruptedException {
    ExitWork work = exitWork;
    if (work != null) {
      work.awaitFinished();
    }
  }

  /** The calls parked for a deferred entry point's initcall, or null (none, or memory freed). */
  ParkedQueue parkedQueue(InitcallRecord record) {
    Invoker current = invoker;
    return current == null ? null : current.parkedQueue(record.spec());
  }

  /** Runs every initcall that is not deferred, in order. Returns how many failed or were skipped. */
  public int boot() {
    announceDisabled();
    runs.enter();
    try {
      return bootInOrder();
    } finally {
      runs.leave();
    }
  }

  private int bootInOrder() {
    List<InitcallRecord> boot = new ArrayList<>();
    for (InitcallRecord record : records) {
      if (!record.spec().deferred()) {
        boot.add(record);
      }
    }
    if (scheduler.needed(boot)) {
      try {
        scheduler.run("boot", closureOf(boot, false), this);
      } catch (RuntimeException e) {
        // a refused wait or an interrupt: report it, count what did not finish, let main run
        reports.println("initcall4j: boot stopped waiting for its initcalls: " + e);
      }
    } else {
      for (InitcallRecord record : boot) {
        runOne(record);
      }
    }
    int bad = 0;
    for (InitcallRecord record : boot) {
      // disabled on purpose is no failure; what it leaves skipped is
      if (record.state() != InitcallState.DONE && record.state() != InitcallState.DISABLED) {
        bad++;
      }
    }
    return bad;
  }

  /** Says once, in plan order, which initcalls are disabled: {@code initcall usb disabled}. */
  private void announceDisabled() {
    for (InitcallRecord record : records) {
      if (record.announceDisabled()) {
        fire(DISABLED, record, null, null);
      }
    }
  }

  /** Deferred initcalls that have not run yet, in order. */
  public List<InitcallRecord> pendingDeferred() {
    List<InitcallRecord> pending = new ArrayList<>();
    for (InitcallRecord record : records) {
      if (record.state() == InitcallState.DEFERRED) {
        pending.add(record);
      }
    }
    return pending;
  }

  /**
   * Runs every deferred initcall not yet run.
   *
   * @return what ran, and which deferred initcalls (and what they need) failed or were skipped
   */
  public FlushResult flushAll() {
    runs.enter();
    try {
      return flushAllInOrder();
    } finally {
      runs.leave();
    }
  }

  private FlushResult flushAllInOrder() {
    long start = elapsedNanos();
    fireFlushStarted("all");
    announceDisabled();
    List<InitcallRecord> deferred = new ArrayList<>();
    for (InitcallRecord record : records) {
      if (record.spec().deferred()) {
        deferred.add(record);
      }
    }
    // taken before the run: the last initcall to end frees the links between them
    List<InitcallRecord> covered = closureOf(deferred, true);
    // the closure, not just the deferred: after a dynamic attach no boot ran before
    List<InitcallRecord> ran = run("flush all", closureOf(deferred, false));
    FlushResult result = new FlushResult("all", ran, covered);
    markFlush("all", start, result);
    fireFlushFinished(result);
    return result;
  }

  /**
   * Runs the named initcall and what it needs, if not done yet; for a group, every part of it not
   * run yet and what they need.
   *
   * @return what ran, and which of them (those named and what they need) failed or were skipped
   * @throws IllegalArgumentException if there is no such initcall or group
   */
  public FlushResult flush(String name) {
    List<InitcallRecord> targets = targets(name);
    runs.enter();
    try {
      return flushInOrder(targets, name);
    } finally {
      runs.leave();
    }
  }

  /** The named initcall, or a group's parts. */
  private List<InitcallRecord> targets(String name) {
    InitcallRecord record = find(name);
    if (record != null) {
      return List.of(record);
    }
    GroupRecord group = group(name);
    if (group != null) {
      return group.parts();
    }
    throw new IllegalArgumentException("no initcall named '" + name + "'; known: " + names()
        + (groups.isEmpty() ? "" : " (the last " + groups.size() + " are groups)"));
  }

  private FlushResult flushInOrder(List<InitcallRecord> targets, String name) {
    long start = elapsedNanos();
    fireFlushStarted(name);
    announceDisabled(); // after an attach, no boot said it
    List<InitcallRecord> covered = closureOf(targets, true);
    List<InitcallRecord> ran = run("flush " + name, closureOf(targets, false));
    FlushResult result = new FlushResult(name, find(name) == null, ran, covered);
    markFlush(name, start, result);
    fireFlushFinished(result);
    return result;
  }

  /** Runs a batch closed under what it needs; returns the initcalls this call ran or skipped. */
  private List<InitcallRecord> run(String what, List<InitcallRecord> batch) {
    if (scheduler.needed(batch)) {
      return scheduler.run(what, batch, this);
    }
    List<InitcallRecord> ran = new ArrayList<>();
    for (InitcallRecord record : batch) {
      if (runOne(record)) {
        ran.add(record);
      }
    }
    return ran;
  }

  /**
   * Makes sure the named initcall has run, running it and what it needs on this thread if they
   * have not; waits when another thread is running them.
   *
   * @throws IllegalArgumentException if there is no such initcall
   * @throws IllegalStateException if it failed (its error is the cause) or was skipped
   */
  public void require(String name) {
    require(name, true);
  }

  private void require(String name, boolean run) {
    List<InitcallRecord> targets = targets(name);
    if (!run) {
      return;
    }
    boolean allTerminal = true;
    for (InitcallRecord target : targets) {
      allTerminal &= target.state().isTerminal();
    }
    if (!allTerminal) {
      runs.enter();
      try {
        for (InitcallRecord record : closureOf(targets, false)) {
          runOne(record);
        }
      } finally {
        runs.leave();
      }
    }
    for (InitcallRecord target : targets) {
      if (target.state() != InitcallState.DONE) {
        throw new IllegalStateException((targets.size() == 1 && find(name) != null ? ""
            : "group '" + name + "': ") + "initcall '" + target.name() + "' "
            + target.outcome(), target.error());
      }
    }
  }

  /** The target and everything it needs that has not run yet, transitively, in plan order. */
  List<InitcallRecord> closureOf(InitcallRecord target) {
    return closureOf(List.of(target), false);
  }

  /**
   * The targets and everything they need, transitively, in plan order: with {@code terminal}
   * false only what still has to run (a single target is always in), with true all of it.
   */
  private List<InitcallRecord> closureOf(List<InitcallRecord> targets, boolean terminal) {
    BitSet wanted = new BitSet(records.size());
    Deque<InitcallRecord> todo = new ArrayDeque<>();
    for (InitcallRecord target : targets) {
      if (!terminal && target.state().isTerminal() && targets.size() > 1) {
        continue;
      }
      todo.push(target);
      wanted.set(target.position());
    }
    while (!todo.isEmpty()) {
      for (InitcallRecord need : todo.pop().prerequisites()) {
        if (!wanted.get(need.position()) && (terminal || !need.state().isTerminal())) {
          wanted.set(need.position());
          todo.push(need);
        }
      }
    }
    List<InitcallRecord> closure = new ArrayList<>(wanted.cardinality());
    for (int i = wanted.nextSetBit(0); i >= 0; i = wanted.nextSetBit(i + 1)) {
      closure.add(records.get(i));
    }
    return closure;
  }

  /**
   * Runs one initcall whose prerequisites come earlier in the order. Returns true when this call
   * ran or skipped it, false when it was already terminal or another thread ran it.
   */
  boolean runOne(InitcallRecord record) {
    // Read once: whichever thread finishes the last initcall frees it at any moment, and null
    // means that happened, so this one is terminal too.
    Invoker current = invoker;
    if (current == null || record.state().isTerminal()) {
      return false;
    }
    try {
      String blocked = null;
      for (InitcallRecord need : record.prerequisites()) {
        need.awaitTerminal();
        if (blocked == null && need.state() != InitcallState.DONE) {
          blocked = "needs '" + need.name() + "', which " + (need.state() == InitcallState.FAILED
              ? "failed" : need.state() == InitcallState.DISABLED ? "was disabled"
              : "was skipped");
        }
      }
      if (blocked == null) {
        current.beforeClaim(record.spec());
      }
      if (!record.claim(elapsedNanos())) {
        return false;
      }
      if (blocked != null) {
        record.skip(elapsedNanos(), blocked);
        fire(SKIPPED, record, null, null);
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for initcall '" + record.name()
          + "'", e);
    }
    fire(STARTED, record, null, null);
    Throwable failure = null;
    try {
      current.invoke(record.spec());
    } catch (Throwable t) {
      failure = t;
    }
    if (record.finish(elapsedNanos(), failure)) {
      fire(FINISHED, record, null, null);
    } else {
      for (InitcallListener listener : listeners) {
        listener.returnedAfterGivingUp(record, elapsedNanos() - record.startNanos(), failure);
      }
    }
    return true;
  }

  /**
   * Gives up on an initcall past its timeout ({@code timeout.skip}): it is marked failed with the
   * stuck thread's stack, what needs it is skipped as for any failure, and the thread is left
   * running it.
   */
  void giveUp(InitcallRecord record, Thread stuck, long timeoutMillis) {
    InitcallTimeoutException reason = new InitcallTimeoutException(record, timeoutMillis, stuck);
    if (record.abandon(elapsedNanos(), stuck, reason)) {
      fire(FINISHED, record, null, null);
      scheduler.gaveUp(record, stuck);
    }
  }

  private void fireFlushStarted(String what) {
    fire(FLUSH_STARTED, null, what, null);
  }

  private void fireFlushFinished(FlushResult result) {
    fire(FLUSH_FINISHED, null, null, result);
  }

  private static final int STARTED = 0;
  private static final int FINISHED = 1;
  private static final int SKIPPED = 2;
  private static final int FLUSH_STARTED = 3;
  private static final int FLUSH_FINISHED = 4;
  private static final int DISABLED = 5;

  /** One loop for every event, without lambdas (no invokedynamic bootstrap at start-up). */
  private void fire(int event, InitcallRecord record, String what, FlushResult result) {
    for (InitcallListener listener : listeners) {
      try {
        switch (event) {
          case STARTED -> listener.started(record);
          case FINISHED -> listener.finished(record);
          case SKIPPED -> listener.skipped(record);
          case FLUSH_STARTED -> listener.flushStarted(what);
          case DISABLED -> listener.disabled(record);
          default -> listener.flushFinished(result);
        }
      } catch (RuntimeException e) {
        System.err.println("initcall4j: listener " + listener + " failed: " + e);
      }
    }
  }
}
