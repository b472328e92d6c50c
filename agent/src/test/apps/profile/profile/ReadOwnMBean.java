package profile;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/** Reads the agent's MBean from inside the application, as any JMX client would. */
final class ReadOwnMBean {
  private ReadOwnMBean() {}

  static void print() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("org.initcall4j:type=Initcalls");
    awaitRegistered(server, name);
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

  /** The agent registers it on a thread of its own once JMX is used: the server says when. */
  private static void awaitRegistered(MBeanServer server, ObjectName name) throws Exception {
    CountDownLatch registered = new CountDownLatch(1);
    NotificationListener listener = (notification, handback) -> {
      if (notification instanceof MBeanServerNotification added
          && added.getType().equals(MBeanServerNotification.REGISTRATION_NOTIFICATION)
          && added.getMBeanName().equals(name)) {
        registered.countDown();
      }
    };
    server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
    try {
      if (!server.isRegistered(name) && !registered.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " was not registered within 20 s of the"
            + " application's first use of JMX");
      }
    } finally {
      server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
    }
  }
}
