package profile;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/** Reads the agent's MBean from inside the application, as any JMX client would. */
final class ReadOwnMBean {
  private ReadOwnMBean() {}

  static void print() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("org.initcall4j:type=Initcalls");
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!server.isRegistered(name) && System.nanoTime() < deadline) {
      Thread.sleep(20); // the agent registers it on its own thread
    }
    TabularData table = (TabularData) server.getAttribute(name, "StaticInitializers");
    List<CompositeData> rows = new ArrayList<>();
    for (Object row : table.values()) {
      rows.add((CompositeData) row);
    }
    rows.sort(Comparator.comparing(row -> (Integer) row.get("rank")));
    for (CompositeData row : rows) {
      System.out.println("jmx " + row.get("rank") + " " + row.get("className") + " excl="
          + row.get("exclusiveMillis") + " in=" + row.get("nestedIn") + " failed="
          + row.get("failed"));
    }
    String text = (String) server.getAttribute(name, "Profile");
    System.out.println("jmx profile: " + text.lines().findFirst().orElse(""));
  }
}
