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
 * in call order. Calls made after that run normally; calls made during the replay wait for it.
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
    if (open) {
      parked.add(new Call(receiver, arguments == null ? new Object[0] : arguments));
      return true;
    }
    if (replayer == Thread.currentThread()) {
      return false;
    }
    boolean interrupted = false;
    while (replayer != null) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  @Override
  void run(Invoker plain) throws Throwable {
    List<Call> calls;
    synchronized (this) {
      open = false;
      replayer = Thread.currentThread();
      calls = parked;
      parked = List.of();
    }
    try {
      replay(calls);
    } finally {
      synchronized (this) {
        replayer = null;
        notifyAll();
      }
    }
  }

  private void replay(List<Call> calls) throws Throwable {
    if (calls.isEmpty()) {
      return; // never called: nothing to replay, and the class is not loaded for nothing
    }
    Method method = resolve();
    Throwable first = null;
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
    if (first != null) {
      throw first;
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
