package org.initcall4j.agent.runtime;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.ModuleAccess;

/**
 * Calls an initcall's static method through reflection, or initializes its class when the unit is
 * a static initializer. Reflection is only touched when there is an initcall to run. A method of
 * a named module's package that is not open to the agent gets it opened first, through the
 * instrumentation.
 */
public final class ReflectiveInvoker implements Invoker {
  private final ClassLoader loader;
  private final Instrumentation instrumentation;
  /**
   * Classes found so far, by name: {@code Class.forName} goes through the loader's lock and a
   * lookup of its own every time, which for 5 000 initcalls in 50 classes was half the boot's
   * cost. Dropped with the invoker once every initcall has run ({@code InitMemory}).
   */
  private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

  /** For in-process use with classes on a class path only: named modules cannot be opened. */
  public ReflectiveInvoker(ClassLoader loader) {
    this(loader, null);
  }

  public ReflectiveInvoker(ClassLoader loader, Instrumentation instrumentation) {
    this.loader = loader;
    this.instrumentation = instrumentation;
  }

  @Override
  public void invoke(InitcallSpec spec) throws Throwable {
    if (spec.isClassInit()) {
      try {
        Class.forName(spec.className(), true, loader);
      } catch (ExceptionInInitializerError e) {
        throw e.getCause() == null ? e : e.getCause();
      }
      return;
    }
    Class<?> type = classes.get(spec.className());
    if (type == null) {
      type = Class.forName(spec.className(), false, loader);
      classes.put(spec.className(), type);
    }
    Method method = find(type, spec);
    try {
      method.invoke(null);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof ExceptionInInitializerError && cause.getCause() != null
          ? cause.getCause() : cause;
    }
  }

  private Method find(Class<?> type, InitcallSpec spec) throws NoSuchMethodException {
    Method method;
    try {
      method = type.getDeclaredMethod(spec.methodName());
    } catch (NoSuchMethodException e) {
      throw new NoSuchMethodException(spec.target() + " not found: the index names a static"
          + " method without parameters that the class does not have; rebuild the jar");
    }
    if (!Modifier.isStatic(method.getModifiers())) {
      throw new IllegalStateException(spec.target() + " is not static; initcalls must be static");
    }
    // false only for a named module's package not open to the agent: the class path never
    // gets to ModuleAccess
    if (!method.trySetAccessible()) {
      ModuleAccess.openToAgent(instrumentation, type.getModule(), type.getPackageName());
      method.setAccessible(true);
    }
    return method;
  }
}
