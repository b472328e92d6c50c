package failing;

import org.initcall4j.Initcall;
import org.initcall4j.Level;

/** One initcall throws; what needs it is skipped; the rest and main still run. */
public final class Main {
  private Main() {}

  @Initcall(name = "config", level = Level.CORE)
  static void config() {
    throw new IllegalStateException("config file missing");
  }

  @Initcall(name = "database", level = Level.SUBSYS, after = "config")
  static void database() {
    System.out.println("init database");
  }

  @Initcall(name = "web", after = "database")
  static void web() {
    System.out.println("init web");
  }

  @Initcall(name = "metrics")
  static void metrics() {
    System.out.println("init metrics");
  }

  public static void main(String[] args) {
    System.out.println("main runs");
  }
}
