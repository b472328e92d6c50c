package trace;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.initcall4j.Initcall;
import org.initcall4j.Initcalls;
import org.initcall4j.Level;
import org.initcall4j.agent.testing.Await;

/**
 * Initcalls on several threads for the trace: clock on main; disk and net on pool threads at the
 * same time; db after disk; deferred codec, whose class Codec initializes class Table; thumbs
 * after codec; broken fails and needs-broken is skipped. Two flushes run something, a third
 * nothing. At the end main prints what the runtime recorded, as its MBean shows it, to compare
 * the trace with.
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
    // what the runtime recorded, as its MBean shows it to any JMX client
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("org.initcall4j:type=Initcalls");
    // the agent registers it on its own thread once the application reaches JMX
    Await.value("the initcall4j MBean to be registered", () -> server.isRegistered(name))
        .within(Duration.ofSeconds(20)).until(Boolean.TRUE::equals);
    TabularData table = (TabularData) server.getAttribute(name, "Initcalls");
    for (Object value : table.values()) {
      CompositeData row = (CompositeData) value;
      System.out.println("record " + row.get("name") + " " + row.get("state") + " "
          + row.get("startMillis") + " " + row.get("durationMillis") + " " + row.get("thread"));
    }
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
