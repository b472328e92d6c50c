package trace;

import java.lang.reflect.Method;
import java.util.List;
import org.initcall4j.Initcall;
import org.initcall4j.Initcalls;
import org.initcall4j.Level;

/**
 * Initcalls on several threads for the trace: clock on main; disk and net on pool threads at the
 * same time; db after disk; deferred codec, whose class Codec initializes class Table; thumbs
 * after codec; broken fails and needs-broken is skipped. Two flushes run something, a third
 * nothing. At the end main prints what the runtime recorded, to compare the trace with.
 */
public final class Main {
  private Main() {}

  static void work(long millis) {
    try {
      Thread.sleep(millis); // stands in for real work of a known length
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Initcall(name = "clock", level = Level.CORE)
  static void clock() {
    work(5);
  }

  @Initcall(name = "disk", level = Level.FS, async = true)
  static void disk() {
    work(40);
  }

  @Initcall(name = "net", level = Level.FS, async = true)
  static void net() {
    work(30);
  }

  @Initcall(name = "db", level = Level.ROOTFS, after = "disk")
  static void db() {
    work(15);
  }

  @Initcall(name = "codec", deferred = true)
  static void codec() {
    System.out.println("codec " + Codec.NAME);
  }

  @Initcall(name = "thumbs", after = "codec", deferred = true)
  static void thumbs() {
    work(5);
  }

  @Initcall(name = "broken", deferred = true)
  static void broken() {
    throw new IllegalStateException("no such device");
  }

  @Initcall(name = "needs-broken", after = "broken", deferred = true)
  static void needsBroken() {
    work(1);
  }

  public static void main(String[] args) throws Exception {
    System.out.println("main runs");
    Initcalls.flush("codec");
    Initcalls.flush();
    Initcalls.flush(); // nothing left to run
    // what the runtime recorded, read as the report reads it
    Object runtime = Class.forName("org.initcall4j.agent.Agent").getMethod("runtime")
        .invoke(null);
    for (Object record : (List<?>) runtime.getClass().getMethod("records").invoke(runtime)) {
      System.out.println("record " + get(record, "name") + " " + get(record, "state") + " "
          + get(record, "threadId") + " " + get(record, "startNanos") + " "
          + get(record, "durationNanos") + " " + get(record, "threadName"));
    }
    for (Object mark : (List<?>) runtime.getClass().getMethod("flushMarks").invoke(runtime)) {
      System.out.println("flush " + get(mark, "what") + " " + get(mark, "threadId") + " "
          + get(mark, "startNanos"));
    }
  }

  private static Object get(Object target, String accessor) throws Exception {
    Method method = target.getClass().getMethod(accessor);
    return method.invoke(target);
  }
}

/** A slow static initializer that needs another class's. */
final class Codec {
  static final String NAME;

  static {
    Main.work(20);
    NAME = "codec:" + Table.SIZE;
  }

  private Codec() {}
}

final class Table {
  static final int SIZE;

  static {
    Main.work(10);
    SIZE = 256;
  }

  private Table() {}
}
