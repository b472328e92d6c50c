package org.initcall4j.agent.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.initcall4j.agent.cli.CliIT;
import org.initcall4j.agent.control.ControlApp;
import org.initcall4j.agent.jmx.LocalJmx;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flushing a group through every trigger runs every deferred part of it (parts of its parts
 * too) and what they need, once; the views show the group and which group each deferred
 * initcall belongs to.
 */
class GroupFlushIT {
  private static final String BEFORE = "{storage=1}";
  private static final String AFTER =
      "{radio=1, radio.wifi=1, storage=1, thumbnails=1, usb=1}";

  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"api", "control", "jmx", "cli"})
  void flushingAGroupRunsItsPartsOnce(String trigger) throws Exception {
    try (RunningJvm app = GroupsApp.start("", tmp)) {
      Path dir = tmp.resolve("initcall4j-" + app.pid());
      String deferred = ControlApp.awaitFile(dir.resolve("deferred_initcalls"),
          t -> t.contains("gallery"), app);
      assertEquals("crypto\nradio\tgroup=connectivity\nradio.wifi\tgroup=connectivity\n"
          + "thumbnails\tgroup=connectivity\nusb\tgroup=connectivity\ngallery\n", deferred,
          "plan order; each part of the group with its name");
      String table = ControlApp.awaitFile(dir.resolve("initcalls"), t -> t.contains("(group)"),
          app);
      assertTrue(table.matches("(?s).*\nconnectivity +DEVICE +deferred +- +- +- +\\(group\\)"
          + " +4 parts: radio, radio.wifi, thumbnails, usb\n.*"), table);
      assertTrue(table.matches("(?s).*\nusb +DEVICE +deferred +- +- +- +connectivity\n.*"),
          table);
      assertEquals(BEFORE, GroupsApp.counts(app));

      flush(trigger, app, dir);

      assertEquals(AFTER, GroupsApp.counts(app), app.describe());
      String done = ControlApp.awaitFile(dir.resolve("initcalls"),
          t -> t.matches("(?s).*\nconnectivity +DEVICE +done .*"), app);
      assertTrue(done.matches("(?s).*\ngallery +LATE +deferred .*"), done);
      assertEquals("crypto\ngallery\n", ControlApp.awaitFile(dir.resolve("deferred_initcalls"),
          t -> !t.contains("usb"), app));

      // once: a second flush of the group runs nothing
      assertEquals("api flush connectivity ran 0",
          GroupsApp.ask(app, "flush connectivity", "api flush connectivity"));
      assertEquals(AFTER, GroupsApp.counts(app));
      assertEquals("api flush gallery ran 1",
          GroupsApp.ask(app, "flush gallery", "api flush gallery"));
    }
  }

  private static void flush(String trigger, RunningJvm app, Path dir) throws Exception {
    switch (trigger) {
      case "api" -> assertEquals("api flush connectivity ran 4",
          GroupsApp.ask(app, "flush connectivity", "api flush connectivity"));
      case "control" -> {
        ControlApp.write(dir.resolve("deferred_initcalls"), "connectivity\n");
        app.awaitStderr("initcall4j: control: flush connectivity requested", 10_000);
        app.awaitStdout("init usb #1", 10_000); // the last part in plan order
      }
      case "jmx" -> {
        try (LocalJmx jmx = LocalJmx.connect(app.pid())) {
          jmx.awaitRegistered();
          TabularData rows = (TabularData) jmx.get("Initcalls");
          CompositeData group = rows.get(new Object[] {"connectivity"});
          assertEquals("(group)", group.get("group"));
          assertEquals("deferred", group.get("state"));
          assertEquals(Boolean.TRUE, group.get("deferred"));
          assertEquals("connectivity", rows.get(new Object[] {"radio.wifi"}).get("group"));
          CompositeData result = (CompositeData) jmx.invoke("flush", "connectivity");
          assertEquals("ran 4 initcalls", result.get("summary"));
          assertEquals(Boolean.TRUE, result.get("group"));
          CompositeData after = ((TabularData) jmx.get("Initcalls"))
              .get(new Object[] {"connectivity"});
          assertEquals("done", after.get("state"));
          assertTrue((Double) after.get("durationMillis") >= 0, after.toString());
        }
      }
      case "cli" -> {
        ForkedJvm.Result result = CliIT.cli("current", "flush", "connectivity",
            Long.toString(app.pid()));
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("flushed group connectivity (its parts and what they need) in JVM "
            + app.pid() + ": ran 4 initcalls\n", result.stdout(), result.describe());
        ForkedJvm.Result list = CliIT.cli("current", "list", Long.toString(app.pid()));
        assertTrue(list.stdout().toLowerCase(Locale.ROOT).contains("(group)"),
            list.describe());
      }
      default -> throw new IllegalArgumentException(trigger);
    }
  }
}
