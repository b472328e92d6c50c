package lazy;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.initcall4j.agent.testing.Await;
import testapp.Log;

/**
 * A superclass whose static initializer uses its deferred subclass, once the thread flushing
 * the subclass waits for this initialization to end.
 */
public class Base {
  static {
    Meeting.BASE_INITIALIZING.countDown();
    String waiting = "waiting on the Class initialization monitor for lazy.Base";
    Thread flusher = Meeting.flusher;
    try {
      Await.value("'" + flusher.getName() + "' " + waiting, () -> stackOf(flusher))
          .until(stack -> stack.contains(waiting));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Log.add("base sees derived " + Derived.value());
  }

  /** The thread's entry in the JVM's own thread dump, which names the class it waits for. */
  private static String stackOf(Thread thread) throws Exception {
    String dump = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "threadPrint",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    int start = dump.indexOf("\"" + thread.getName() + "\" #");
    if (start < 0) {
      return "not in the thread dump";
    }
    int end = dump.indexOf("\n\n", start);
    return dump.substring(start, end < 0 ? dump.length() : end);
  }
}
