package report;

import org.initcall4j.Initcall;
import org.initcall4j.Initcalls;
import org.initcall4j.Level;

/**
 * Initcalls with known shapes for the boot report and JFR: the longest chain is
 * disk -> db -> web; thumbs is deferred; broken fails at the flush and needs-broken is skipped.
 */
public final class Main {
  private Main() {}

  private static void work(long millis) {
    try {
      Thread.sleep(millis); // stands in for real work of a known length
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Initcall(name = "disk", level = Level.FS)
  static void disk() {
    work(60);
  }

  @Initcall(name = "net", level = Level.CORE)
  static void net() {
    work(5);
  }

  @Initcall(name = "db", level = Level.ROOTFS, after = "disk")
  static void db() {
    work(150);
  }

  @Initcall(name = "cache", level = Level.SUBSYS, after = "net")
  static void cache() {
    work(5);
  }

  @Initcall(name = "web", after = {"db", "cache"})
  static void web() {
    work(20);
  }

  @Initcall(name = "thumbs", after = "disk", deferred = true)
  static void thumbs() {
    work(10);
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
    Initcalls.flush();
    // the on-demand report, as a control tool would ask for it
    Class<?> report = Class.forName("org.initcall4j.agent.report.BootReport");
    // the runtime is the agent session's, which has no public way in: reached as a tool inside
    // the agent reaches it (the agent jar's classes are in the unnamed module, open to this one)
    Class<?> session = Class.forName("org.initcall4j.agent.AgentSession");
    java.lang.reflect.Method current = session.getDeclaredMethod("current");
    java.lang.reflect.Method runtimeOf = session.getDeclaredMethod("runtime");
    current.setAccessible(true);
    runtimeOf.setAccessible(true);
    Object runtime = runtimeOf.invoke(current.invoke(null));
    Object onDemand = report.getMethod("of", runtime.getClass()).invoke(null, runtime);
    System.out.print(report.getMethod("text").invoke(onDemand));
  }
}
