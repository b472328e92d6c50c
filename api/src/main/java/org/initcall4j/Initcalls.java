package org.initcall4j;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The application's handle on the initcall4j agent.
 *
 * <p>Without the agent ({@code -javaagent:initcall-agent.jar}), nothing runs initcalls:
 * {@link #isActive()} says so, {@link #ready()} does nothing, and every other method throws
 * {@link IllegalStateException} naming the missing agent, so an application that relies on a flush
 * never goes on as if its deferred work had been done.
 */
public final class Initcalls {

  private static final String BRIDGE = "org.initcall4j.agent.ApiBridge";

  private Initcalls() {}

  /** True when the initcall4j agent is running in this JVM. */
  public static boolean isActive() {
    return Boolean.TRUE.equals(call("active", null, false));
  }

  /**
   * Runs every deferred initcall that has not run yet, in order.
   *
   * <p>An initcall that throws does not stop the flush, and does not count: it is marked failed,
   * what needs it is skipped, and each is reported on stderr (the failure with its stack trace)
   * and shown as {@code failed} or {@code skipped} in the agent's control directory, JMX and
   * command-line tool. To make sure one has run, call {@link #require(String)}, which throws
   * with the initcall's own error.
   *
   * @return how many initcalls this call ran successfully (0 when everything was already flushed,
   *     or when all it ran failed or were skipped)
   */
  public static int flush() {
    return (Integer) call("flush", null, true);
  }

  /**
   * Runs the named deferred initcall and everything it needs, if not done yet; for a group (a
   * name in {@code partOf} that no initcall has), every part of it not run yet and what they
   * need. A failure does not throw and does not count, as for {@link #flush()};
   * {@link #require(String)} throws for it.
   *
   * @return how many initcalls this call ran successfully
   * @throws IllegalArgumentException if no initcall or group has that name
   */
  public static int flush(String name) {
    return (Integer) call("flush", requireName(name), true);
  }

  /**
   * Makes sure the named initcall (or every part of the named group) and what it needs have run,
   * running them now on this thread if they have not; returns at once if they are done.
   *
   * @throws IllegalArgumentException if no initcall or group has that name
   * @throws IllegalStateException if the initcall failed (its message says so, and its cause is
   *     the initcall's own error), was skipped (the message says what it needed that failed) or
   *     is disabled (option {@code disable});
   *     a later call throws the same way, since an initcall runs at most once
   */
  public static void require(String name) {
    call("require", requireName(name), true);
  }

  /**
   * Tells the agent that the application's primary job is up (say, the first picture is taken).
   * With the agent's {@code flush=ready} policy this flushes the deferred initcalls in the
   * background; without the agent it does nothing.
   */
  public static void ready() {
    call("ready", null, false);
  }

  private static String requireName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("initcall name must not be empty");
    }
    return name;
  }

  private static Object call(String command, String argument, boolean agentRequired) {
    Method bridge = bridge();
    if (bridge == null) {
      if (agentRequired) {
        throw new IllegalStateException("initcall4j agent is not loaded, so Initcalls." + command
            + " cannot run anything: start the JVM with -javaagent:initcall-agent.jar");
      }
      return null;
    }
    try {
      return bridge.invoke(null, command, argument);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("initcall4j agent bridge is not accessible", e);
    }
  }

  /** Found once; looked up again while missing, since the agent may be attached later. */
  private static volatile Method bridge;

  private static Method bridge() {
    Method found = bridge;
    if (found == null) {
      found = findBridge();
      bridge = found;
    }
    return found;
  }

  private static Method findBridge() {
    try {
      // The agent jar is on the system class path whenever the agent runs.
      Class<?> type = Class.forName(BRIDGE, true, ClassLoader.getSystemClassLoader());
      Method method = type.getMethod("call", String.class, String.class);
      return Boolean.TRUE.equals(method.invoke(null, "active", null)) ? method : null;
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }
}
