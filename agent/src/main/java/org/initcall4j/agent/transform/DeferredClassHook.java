package org.initcall4j.agent.transform;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallState;
import org.initcall4j.agent.runtime.Invoker;

/**
 * A deferred static initializer. The JVM's {@code <clinit>} of the rewritten class is empty; the
 * original body was moved to {@link ClassRewriter#BODY} and runs as this initcall, under the
 * initcall's own claim rather than the JVM's init lock, at the flush or on the first real use:
 * every method and constructor of the class starts with a guard that runs it (or waits for the
 * thread running it) first. Like the JVM, the thread running the body passes its own guards, a
 * failure is an {@link ExceptionInInitializerError} for the thread that ran it and a
 * {@link NoClassDefFoundError} for every later use.
 */
final class DeferredClassHook extends Hook {
  private volatile Thread failedOn;

  DeferredClassHook(InitcallSpec spec, HookContext context) {
    super(spec, context);
  }

  @Override
  protected void ensureInitialized() {
    InitcallRecord record = record();
    if (record.runner() == Thread.currentThread()) {
      return; // the body itself, or something it calls, uses the class
    }
    require();
    if (initialized) {
      return;
    }
    InitcallState state = record.state();
    if (state == InitcallState.FAILED) {
      Throwable error = record.error();
      if (failedOn == Thread.currentThread()) {
        failedOn = null;
        if (error instanceof Error e) {
          throw e;
        }
        throw new ExceptionInInitializerError(error);
      }
      throw notInitialized("its deferred static initializer failed: " + error, error);
    }
    if (state == InitcallState.SKIPPED) {
      throw notInitialized("initcall '" + spec.name() + "' was skipped: " + record.skipReason(),
          null);
    }
    if (state != InitcallState.DONE) {
      throw notInitialized("interrupted while waiting for its deferred static initializer",
          null);
    }
  }

  private NoClassDefFoundError notInitialized(String why, Throwable cause) {
    NoClassDefFoundError error = new NoClassDefFoundError("Could not initialize class "
        + spec.className() + ": " + why);
    if (cause != null) {
      error.initCause(cause);
    }
    return error;
  }

  /**
   * Initializes the superclass first, outside the claim. The JVM initializes it as part of the
   * class's own (empty) initialization; under the claim, a superclass initializer running on
   * another thread that uses this class would wait for the claim while the claim waits for it.
   * Here the other thread runs this class's initializer itself, as it would without the agent.
   */
  @Override
  void beforeClaim() {
    try {
      Class<?> superclass = Class.forName(spec.className(), false, context.loader())
          .getSuperclass();
      if (superclass != null && superclass != Object.class) {
        Class.forName(superclass.getName(), true, superclass.getClassLoader());
      }
    } catch (ClassNotFoundException | LinkageError e) {
      // the same error comes again when the class is initialized under the claim, reported there
    }
  }

  @Override
  boolean reflectsIntoClass() {
    return true;
  }

  @Override
  void run(Invoker plain) throws Throwable {
    plain.invoke(spec); // the JVM's initialization: empty when rewritten, the original if not
    if (!rewritten) {
      initialized = true;
      return;
    }
    Class<?> type = Class.forName(spec.className(), false, context.loader());
    // A method handle found by name and type: Class.getDeclaredMethod would make a Method for
    // every method of the class, loading each class its signatures name (a popular class's
    // dozens, on the path of its first use)
    MethodHandle body = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
        .findStatic(type, ClassRewriter.BODY, MethodType.methodType(void.class));
    try {
      body.invokeExact();
    } catch (Throwable t) {
      failedOn = Thread.currentThread();
      throw t;
    }
    initialized = true;
  }
}
