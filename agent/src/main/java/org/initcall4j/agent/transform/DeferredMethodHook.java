package org.initcall4j.agent.transform;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import org.initcall4j.agent.config.MemberRef;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallDeadlockException;
import org.initcall4j.agent.runtime.InitcallReentryException;
import org.initcall4j.agent.runtime.Invoker;
import org.initcall4j.agent.runtime.ParkedQueue;

/**
 * A deferred entry point: until its initcall runs, each call the application makes is parked
 * (receiver and arguments; arrays copied, unless the entry declares {@code replayByReference})
 * and returns at once; at the flush each parked call is
 * replayed once, in call order, and so are calls made while the replay runs. Calls made after it
 * run normally. No caller waits here while there is room in the queue, so a replay can never be
 * stuck behind a lock its caller holds. A full queue ({@code parked.max}) makes the caller run the
 * initcall itself, as {@code Initcalls.require} would: the parked calls first, then its own.
 */
final class DeferredMethodHook extends Hook implements ParkedQueue {
  private record Call(Object receiver, Object[] arguments) {}

  private final MemberRef target;
  /** The config's {@code replayByReference}: keep arguments as passed, arrays too. */
  private final boolean byReference;
  // guarded by this
  private final ArrayDeque<Call> parked = new ArrayDeque<>();
  private boolean open = true;
  private Thread replayer;
  private boolean midCall;
  private int replayed;
  /** True once calls are never parked again: the fast path of every later call, lock-free. */
  private volatile boolean settled;

  DeferredMethodHook(InitcallSpec spec, MemberRef target, boolean byReference,
      HookContext context) {
    super(spec, context);
    this.target = target;
    this.byReference = byReference;
  }

  @Override
  protected boolean enter(Object receiver, Object[] arguments) {
    if (settled) {
      return false;
    }
    synchronized (this) {
      if (!parking()) {
        return false;
      }
      if (parked.size() < context.parkedMax()) {
        parked.add(park(receiver, arguments));
        return true;
      }
    }
    return !runNowWithTheQueueFull(receiver, arguments);
  }

  private Call park(Object receiver, Object[] arguments) {
    return new Call(receiver, byReference ? (arguments == null ? new Object[0] : arguments)
        : ParkedArguments.copy(arguments));
  }

  /** Parks during the replay too: the caller may hold a lock the replayed code needs. */
  private boolean parking() {
    return !settled && (open || (replayer != null && replayer != Thread.currentThread()));
  }

  /**
   * The queue is full: this caller runs the initcall (or waits for the thread replaying it),
   * so that the heap stays bounded and no call is lost or reordered.
   *
   * @return true when this call may run now, its parked predecessors having run
   */
  private boolean runNowWithTheQueueFull(Object receiver, Object[] arguments) {
    int max = context.parkedMax();
    context.warnOnce("initcall " + spec.name() + ": " + max + " call" + (max == 1 ? " " : "s ")
        + "of " + target + (max == 1 ? " is" : " are") + " parked, as many as parked.max=" + max
        + " allows, so this call runs the initcall now on thread "
        + Thread.currentThread().getName() + " (as Initcalls.require(\"" + spec.name()
        + "\") would): the parked calls first, then this one; raise parked.max, or flush"
        + " earlier, to keep it deferred");
    try {
      require();
      return true;
    } catch (InitcallReentryException | InitcallDeadlockException e) {
      // this thread runs what the initcall needs, so it cannot run the initcall: park anyway
      synchronized (this) {
        if (parking()) {
          parked.add(park(receiver, arguments));
          return false;
        }
      }
      return true;
    }
  }

  @Override
  boolean reflectsIntoClass() {
    return true;
  }

  @Override
  void run(Invoker plain) throws Throwable {
    synchronized (this) {
      open = false;
      replayer = Thread.currentThread();
    }
    Throwable failure = null;
    Method method = null;
    try {
      for (Call call = next(); call != null; call = next()) {
        if (method == null) {
          method = resolve();
        }
        failure = replay(method, call, failure);
      }
    } catch (Throwable t) {
      int lost;
      synchronized (this) {
        lost = parked.size();
        parked.clear();
        midCall = false;
        replayer = null; // later calls run directly rather than queue for nobody
        settled = true;
      }
      if (lost > 0) {
        context.warnOnce("initcall " + spec.name() + " failed before its last " + lost
            + " parked call" + (lost == 1 ? " of " + target + " was" : "s of " + target
            + " were") + " replayed; they are dropped (the failure follows)");
      }
      throw t;
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The next call to replay; when none is left (or parking was stopped), the replay ends. */
  private synchronized Call next() {
    if (midCall) {
      midCall = false;
      replayed++;
    }
    Call call = settled ? null : parked.poll();
    if (call == null) {
      replayer = null;
      settled = true;
      return null;
    }
    midCall = true;
    return call;
  }

  /** Replays one call; its failure is returned if it is the first, else suppressed in it. */
  private static Throwable replay(Method method, Call call, Throwable failure)
      throws IllegalAccessException {
    try {
      method.invoke(call.receiver(), call.arguments());
      return failure;
    } catch (InvocationTargetException e) {
      if (failure == null) {
        return e.getCause();
      }
      failure.addSuppressed(e.getCause());
      return failure;
    }
  }

  private Method resolve() throws ClassNotFoundException, NoSuchMethodException {
    Class<?> type = Class.forName(target.className(), false, context.loader());
    for (Method method : type.getDeclaredMethods()) {
      if (method.getName().equals(target.methodName())
          && descriptorOf(method.getParameterTypes()).equals(target.parameterDescriptor())) {
        method.setAccessible(true);
        return method;
      }
    }
    throw new NoSuchMethodException(target + " is no longer in " + type);
  }

  private static String descriptorOf(Class<?>[] parameters) {
    StringBuilder out = new StringBuilder("(");
    for (Class<?> parameter : parameters) {
      out.append(parameter.descriptorString());
    }
    return out.append(')').toString();
  }

  @Override
  void skipped() {
    int dropped = stop().dropped();
    if (dropped > 0) {
      context.warnOnce("initcall " + spec.name() + " was skipped, so its " + dropped
          + " parked call" + (dropped == 1 ? " was" : "s were") + " dropped; later calls of "
          + target + " run normally");
    }
  }

  @Override
  public String target() {
    return target.toString();
  }

  @Override
  public synchronized int replayed() {
    return replayed;
  }

  @Override
  public synchronized boolean closeIfEmpty() {
    if (!parked.isEmpty() || replayer != null) {
      return false;
    }
    open = false;
    settled = true;
    return true;
  }

  @Override
  public synchronized Stopped stop() {
    Stopped stopped = new Stopped(replayed, parked.size(), midCall);
    parked.clear();
    open = false;
    settled = true; // a replay in progress ends at its next call
    return stopped;
  }
}
