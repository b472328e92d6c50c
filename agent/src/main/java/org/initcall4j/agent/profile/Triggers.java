package org.initcall4j.agent.profile;

import java.lang.StackWalker.StackFrame;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What triggered each slow static initializer: the first frame below its {@code <clinit>} that
 * is not the JDK's (the JVM starts a static initializer on the thread that first needs the
 * class; {@code Class.forName} and reflection sit between), and the class's loader, for the
 * config check at exit. Taken as the initializer ends, only for slow ones. The same for the slow
 * first call of a counted method ({@link CallRecorder}): the frame below the method's.
 */
final class Triggers {
  /** Frames looked at below the static initializer: enough to pass reflection's. */
  private static final int DEPTH = 24;
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  /** By class name (static initializers) and by {@code Class#method} (first calls). */
  private static final Map<String, Trigger> BY_CLASS = new ConcurrentHashMap<>();

  /**
   * @param frame {@code Class.method} of the frame that caused the initialization, or null
   * @param loader the initialized class's loader
   */
  record Trigger(String frame, ClassLoader loader) {}

  private Triggers() {}

  /** Called from {@code exit} of the static initializer of {@code internalName}. */
  static void take(String internalName) {
    String className = internalName.replace('/', '.');
    if (!BY_CLASS.containsKey(className)) {
      BY_CLASS.putIfAbsent(className, WALKER.walk(new FindTrigger(className, "<clinit>")));
    }
  }

  /** Called as the first call of method {@code name} of {@code internalOwner} returns. */
  static void takeForCall(String internalOwner, String name) {
    String className = internalOwner.replace('/', '.');
    String key = className + "#" + name;
    if (!BY_CLASS.containsKey(key)) {
      BY_CLASS.putIfAbsent(key, WALKER.walk(new FindTrigger(className, name)));
    }
  }

  /** The trigger of a class whose static initializer was slow, or null. */
  static Trigger of(String className) {
    return BY_CLASS.get(className);
  }

  /** The trigger of a counted method whose first call was slow, or null. */
  static Trigger ofCall(String className, String methodName) {
    return BY_CLASS.get(className + "#" + methodName);
  }

  /**
   * A named class, not a lambda: runs inside application code. The frame of {@code methodName}
   * of {@code className} is the anchor; the trigger is below it.
   */
  private record FindTrigger(String className, String methodName)
      implements Function<Stream<StackFrame>, Trigger> {
    @Override
    public Trigger apply(Stream<StackFrame> frames) {
      Iterator<StackFrame> walk = frames.limit(DEPTH).iterator();
      ClassLoader loader = null;
      boolean below = false;
      String first = null;
      while (walk.hasNext()) {
        StackFrame frame = walk.next();
        if (!below) {
          if (frame.getMethodName().equals(methodName)
              && frame.getClassName().equals(className)) {
            below = true;
            loader = frame.getDeclaringClass().getClassLoader();
          }
          continue;
        }
        String text = frame.getClassName() + "." + frame.getMethodName();
        if (!isJdk(frame.getClassName())) {
          return new Trigger(text, loader);
        }
        if (first == null) {
          first = text;
        }
      }
      return new Trigger(first, loader);
    }

    private static boolean isJdk(String name) {
      return name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.");
    }
  }
}
