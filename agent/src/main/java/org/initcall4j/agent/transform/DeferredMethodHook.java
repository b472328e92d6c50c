package org.initcall4j.agent.transform;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.config.MemberRef;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.Invoker;

/**
 * A deferred entry point: until its initcall runs, each call the application makes is parked
 * (receiver and arguments) and returns at once; at the flush each parked call is replayed once,
 * in call order, and so are calls made while the replay runs. Calls made after it run normally.
 * No caller ever waits here, so a replay can never be stuck behind a lock its caller holds.
 */
final class DeferredMethodHook extends Hook {
  private record Call(Object receiver, Object[] arguments) {}

  private final MemberRef target;
  private List<Call> parked = new ArrayList<>();
  private boolean open = true;
  private Thread replayer;

  DeferredMethodHook(InitcallSpec spec, MemberRef target, HookContext context) {
    super(spec, context);
    this.target = target;
  }

  @Override
  synchronized boolean enter(Object receiver, Object[] arguments) {
    if (open || (replayer != null && replayer != Thread.currentThread())) {
      // During the replay too: the call joins the queue rather than waiting for the replay,
      // since the caller may hold a lock the replayed code needs.
      parked.add(new Call(receiver, arguments == null ? new Object[0] : arguments));
      return true;
    }
    return false;
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
      for (List<Call> calls = take(); !calls.isEmpty(); calls = take()) {
        if (method == null) {
          method = resolve();
        }
        failure = replay(method, calls, failure);
      }
    } catch (Throwable t) {
      synchronized (this) {
        replayer = null; // later calls run directly rather than queue for nobody
      }
      throw t;
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The parked calls; when there are none left, the replay ends under the same lock. */
  private synchronized List<Call> take() {
    List<Call> calls = parked;
    parked = new ArrayList<>();
    if (calls.isEmpty()) {
      replayer = null;
    }
    return calls;
  }

  /** Replays calls in order; the first failure is returned, later ones are suppressed in it. */
  private static Throwable replay(Method method, List<Call> calls, Throwable failure)
      throws IllegalAccessException {
    Throwable first = failure;
    for (Call call : calls) {
      try {
        method.invoke(call.receiver(), call.arguments());
      } catch (InvocationTargetException e) {
        if (first == null) {
          first = e.getCause();
        } else {
          first.addSuppressed(e.getCause());
        }
      }
    }
    return first;
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
    int dropped;
    synchronized (this) {
      open = false;
      dropped = parked.size();
      parked = List.of();
    }
    if (dropped > 0) {
      context.warnOnce("initcall " + spec.name() + " was skipped, so its " + dropped
          + " parked call" + (dropped == 1 ? " was" : "s were") + " dropped; later calls of "
          + target + " run normally");
    }
  }
}
