package org.initcall4j.agent.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanOperationInfo;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ReflectionException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.initcall4j.agent.control.ControlApp;
import org.initcall4j.agent.testing.Await;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MBean through a real connector, read with JDK types only, as jconsole would. */
class JmxIT {
  @TempDir
  Path tmp;

  /**
   * The MBean waits for JMX to be used: an application with initcalls loads no
   * {@code java.management} class at start, and a JMX client that attaches finds the MBean.
   */
  @OnEachJdk
  void theMBeanIsRegisteredWhenJmxIsFirstUsedNotAtStart(String jdk) throws Exception {
    ForkedJvm jvm = ControlApp.jvm(jdk, "debug", tmp).jvmArg("-Xlog:class+load=info");
    try (RunningJvm app = jvm.start()) {
      app.awaitStdout("app up", 20_000);
      // a flush through the directory proves the control thread is past its JMX step
      Path deferred = tmp.resolve("initcall4j-" + app.pid()).resolve("deferred_initcalls");
      ControlApp.awaitFile(deferred, text -> text.contains("usb"), app);
      ControlApp.write(deferred, "usb\n");
      app.awaitStderr("initcall usb returned after", 20_000);
      assertFalse(app.stdout().contains(" javax.management."), "java.management loaded:\n"
          + app.stdout().lines().filter(l -> l.contains("javax.management.")).limit(5)
              .toList());
      try (LocalJmx jmx = LocalJmx.connect(app.pid())) {
        jmx.awaitRegistered();
        assertEquals(2, jmx.get("ProtocolVersion"));
      }
    }
  }

  @OnEachJdk
  void attributesOperationsAndNotifications(String jdk) throws Exception {
    try (RunningJvm app = ControlApp.start(jdk, "", tmp);
        LocalJmx jmx = LocalJmx.connect(app.pid())) {
      jmx.awaitRegistered();
      assertEquals(5, jmx.get("Total"));
      assertEquals(1, jmx.get("Done"));
      assertEquals(4, jmx.get("Waiting"));
      assertArrayEquals(new String[] {"network", "usb", "gallery", "printer"},
          (String[]) jmx.get("PendingDeferred"));
      assertEquals("manual", jmx.get("FlushPolicy"));
      assertEquals(2, jmx.get("ProtocolVersion"));
      assertEquals(false, jmx.get("ReadOnly"));
      MBeanOperationInfo flushOne = Arrays.stream(jmx.connection().getMBeanInfo(jmx.name())
          .getOperations()).filter(op -> op.getSignature().length == 1).findFirst().orElseThrow();
      assertEquals("flush", flushOne.getName());
      assertEquals("name", flushOne.getSignature()[0].getName(), "what jconsole asks for");
      assertEquals("runs that initcall and what it needs, or every part of that group; returns"
          + " how many succeeded, and each one failed, skipped or disabled with the error",
          flushOne.getDescription());
      assertEquals(tmp.resolve("initcall4j-" + app.pid()).toString(),
          jmx.get("ControlDirectory"));
      assertTrue((Double) jmx.get("BootMillis") > 0);
      assertEquals(-1.0, jmx.get("LastFlushMillis"));
      assertEquals(false, jmx.get("InitMemoryFreed"));
      assertEquals("not yet: 4 initcalls have not run (deferred, pending or running)",
          jmx.get("InitMemoryFreedDetail"));
      CompositeData storage = ((TabularData) jmx.get("Initcalls"))
          .get(new Object[] {"storage"});
      assertEquals("FS", storage.get("level"));
      assertEquals("done", storage.get("state"));
      assertEquals("main", storage.get("thread"));
      assertTrue((Double) storage.get("durationMillis") >= 0);

      List<Notification> heard = new CopyOnWriteArrayList<>();
      NotificationListener listener = (n, handback) -> heard.add(n);
      jmx.connection().addNotificationListener(jmx.name(), listener, null, null);

      CompositeData gallery = (CompositeData) jmx.invoke("flush", "gallery");
      assertEquals(List.of("gallery", 2, 2, List.of(), List.of(), List.of(), "ran 2 initcalls",
          false, List.of()), items(gallery), "gallery and usb, which it needs");
      CompositeData all = (CompositeData) jmx.invoke("flush");
      assertEquals(List.of("all", 2, 1, List.of("printer"), List.of(),
          List.of("printer failed: java.lang.IllegalStateException: out of paper"),
          "1 of 2 initcalls succeeded", false, List.of()), items(all),
          "network, and printer, which failed");
      CompositeData again = (CompositeData) jmx.invoke("flush");
      assertEquals(List.of("all", 0, 0, List.of("printer"), List.of(),
          List.of("printer failed earlier: java.lang.IllegalStateException: out of paper"),
          "nothing left to run", false, List.of()), items(again));
      Exception unknown = assertThrows(Exception.class, () -> jmx.invoke("flush", "nosuch"));
      assertTrue(String.valueOf(unknown.getCause()).contains("no initcall named 'nosuch'"),
          String.valueOf(unknown.getCause()));

      assertEquals("{gallery=1, network=1, printer=1, storage=1, usb=1}",
          ControlApp.counts(app));
      TabularData table = (TabularData) jmx.get("Initcalls");
      CompositeData printer = table.get(new Object[] {"printer"});
      assertEquals("failed", printer.get("state"));
      assertEquals("java.lang.IllegalStateException: out of paper", printer.get("detail"));
      // not the JMX connection's daemon thread: a non-daemon one, as main would run it
      assertEquals("initcall4j-jmx-flush", printer.get("thread"));
      assertEquals(1, jmx.get("Failed"));
      assertEquals(3L, jmx.get("FlushCount"));
      assertTrue((Double) jmx.get("LastFlushMillis") >= 0);
      String list = (String) jmx.invoke("list");
      assertTrue(list.matches("(?s).*\nprinter +LATE +failed .*out of paper\n"), list);
      assertEquals(true, jmx.get("InitMemoryFreed"));
      assertTrue(((String) jmx.get("InitMemoryFreedDetail"))
          .matches("freed at [0-9.]+ ms: boot plan of 5 initcalls and \\d+ edges, .*"));

      awaitNotifications(heard, 7);
      assertEquals(List.of("org.initcall4j.flush.started gallery",
          "org.initcall4j.flush.finished gallery", "org.initcall4j.flush.started all",
          "org.initcall4j.initcall.failed printer", "org.initcall4j.flush.finished all",
          "org.initcall4j.flush.started all", "org.initcall4j.flush.finished all"),
          heard.stream().map(n -> n.getType() + " " + n.getUserData()).toList());
      assertEquals("initcall printer failed: java.lang.IllegalStateException: out of paper",
          heard.get(3).getMessage());
      assertEquals("flush all finished: 1 of 2 initcalls succeeded; printer failed:"
          + " java.lang.IllegalStateException: out of paper", heard.get(4).getMessage());
    }
  }

  /**
   * jmx=readonly: every attribute and list(), and no operation that changes the application: a
   * client with full JMX access cannot flush through it.
   */
  @Test
  void readOnlyShowsEverythingAndHasNoFlush() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "jmx=readonly", tmp);
        LocalJmx jmx = LocalJmx.connect(app.pid())) {
      jmx.awaitRegistered();
      assertEquals(true, jmx.get("ReadOnly"));
      assertEquals(2, jmx.get("ProtocolVersion"));
      assertEquals(4, jmx.get("Waiting"));
      assertArrayEquals(new String[] {"network", "usb", "gallery", "printer"},
          (String[]) jmx.get("PendingDeferred"));
      assertEquals(List.of("list", "trace"), Arrays.stream(jmx.connection()
          .getMBeanInfo(jmx.name()).getOperations()).map(MBeanOperationInfo::getName).sorted()
          .toList());
      assertTrue(((String) jmx.invoke("trace")).startsWith("{\"traceEvents\":["),
          "trace() only reads");
      assertTrue(((String) jmx.invoke("list")).contains("\nusb "), "list() only reads");
      assertThrows(ReflectionException.class, () -> jmx.invoke("flush"));
      assertThrows(ReflectionException.class, () -> jmx.invoke("flush", "usb"));
      assertEquals("{storage=1}", ControlApp.counts(app), "nothing ran");
      assertEquals(0L, jmx.get("FlushCount"));
    }
  }

  @Test
  void jmxOffRegistersNothingAndNeverLoadsJavaManagement() throws Exception {
    ForkedJvm jvm = ControlApp.jvm("current", "jmx=off", tmp).jvmArg("-Xlog:class+load=info");
    try (RunningJvm app = jvm.start()) {
      app.awaitStdout("app up", 20_000);
      ControlApp.awaitFile(tmp.resolve("initcall4j-" + app.pid()).resolve("deferred_initcalls"),
          t -> !t.isEmpty(), app);
      ControlApp.exit(app);
      assertFalse(app.stdout().contains("javax.management."), "java.management was loaded");
      assertTrue(app.stdout().contains("org.initcall4j.agent.control.ControlFiles"),
          "the control directory did start");
    }
  }

  /** A flush result's items in order, arrays as lists: what a JMX client reads. */
  private static List<Object> items(CompositeData result) {
    List<Object> items = new ArrayList<>();
    for (String key : List.of("flushed", "ran", "succeeded", "failed", "skipped", "problems",
        "summary", "group", "disabled")) {
      Object value = result.get(key);
      items.add(value instanceof String[] array ? List.of(array) : value);
    }
    assertEquals(items.size(), result.getCompositeType().keySet().size(), "no other item");
    return items;
  }

  private static void awaitNotifications(List<Notification> heard, int count)
      throws InterruptedException {
    Await.value(count + " notifications", () -> heard.stream()
        .map(n -> n.getType() + " " + n.getUserData()).toList())
        .until(types -> types.size() >= count);
  }
}
