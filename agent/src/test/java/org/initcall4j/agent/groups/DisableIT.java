package org.initcall4j.agent.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.initcall4j.agent.control.ControlApp;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disabling by name, in a real JVM: option {@code disable} and {@code initcall.<name>.disabled}
 * in the config. The initcall never runs, shows as disabled, and what needs it is skipped and
 * reported; a name that matches nothing stops the JVM before main, with a hint.
 */
class DisableIT {
  @TempDir
  Path tmp;

  @Test
  void anInitcallDisabledByOptionNeverRunsAndWhatNeedsItIsSkippedAndReported()
      throws Exception {
    Path report = tmp.resolve("report");
    try (RunningJvm app = GroupsApp.start("disable=usb,report=" + report, tmp)) {
      app.awaitStderr("initcall usb disabled (option 'disable')", 10_000);
      Path dir = tmp.resolve("initcall4j-" + app.pid());
      String table = ControlApp.awaitFile(dir.resolve("initcalls"), t -> t.contains("usb"), app);
      assertTrue(table.matches("(?s).*\nusb +DEVICE +disabled +- +- +- +connectivity +option"
          + " 'disable'\n.*"), table);
      assertFalse(ControlApp.awaitFile(dir.resolve("deferred_initcalls"),
          t -> t.contains("gallery"), app).contains("usb"), "a disabled initcall waits for nothing");

      assertEquals("api flush connectivity ran 3",
          GroupsApp.ask(app, "flush connectivity", "api flush connectivity"));
      // stderr is read on its own thread: wait for the line rather than race the stdout answer
      app.awaitStderr("initcall4j: flush connectivity: ran 3 initcalls; usb disabled: option"
          + " 'disable'", 10_000);
      assertEquals("api flush ran 1", GroupsApp.ask(app, "flush", "api flush ran"));
      app.awaitStderr("initcall gallery skipped: needs 'usb', which was disabled", 10_000);
      assertEquals("{crypto=1, radio=1, radio.wifi=1, storage=1, thumbnails=1}",
          GroupsApp.counts(app), "neither usb nor gallery, which needs it");
      assertTrue(GroupsApp.ask(app, "require connectivity", "api ").startsWith("api threw"
          + " java.lang.IllegalStateException: group 'connectivity': initcall 'usb' disabled:"
          + " option 'disable'"), app.describe());
      String after = ControlApp.awaitFile(dir.resolve("initcalls"),
          t -> t.contains("gallery ") && t.matches("(?s).*\ngallery +LATE +skipped.*"), app);
      assertTrue(after.matches("(?s).*\nconnectivity +DEVICE +disabled +.* +\\(group\\) +4 parts:"
          + " radio, radio.wifi, thumbnails, usb; usb disabled\n.*"), after);
      GroupsApp.send(app, "exit");
      assertEquals(0, app.awaitExit(20).exitCode(), app.describe());
    }
    String blame = Files.readString(report.resolve("blame.txt"));
    assertTrue(blame.contains(" usb (DEVICE, deferred): disabled: option 'disable'\n"), blame);
    assertTrue(blame.contains("\ngroups (first part's start to last part's end):\n"), blame);
    assertTrue(blame.matches("(?s).* connectivity \\(device, deferred\\): disabled; 4 parts:"
        + " radio, radio.wifi, thumbnails, usb; usb disabled\n.*"), blame);
  }

  @Test
  void theConfigDisablesAnAnnotatedInitcallAndAStaticInitializerThatThenRunsOnFirstUse()
      throws Exception {
    Path config = tmp.resolve("groups.properties");
    Files.writeString(config, """
        initcall.thumbnails.disabled = true
        initcall.codecs.class = groups.Codecs
        initcall.codecs.deferred = true
        initcall.codecs.disabled = true
        initcall.player.method = groups.Player#start()
        initcall.player.deferred = true
        initcall.player.after = codecs
        """);
    try (RunningJvm app = GroupsApp.start("config=" + config, tmp)) {
      app.awaitStderr("initcall codecs disabled (initcall.codecs.disabled at " + config + ":4)",
          10_000);
      assertTrue(app.stderr().contains("initcall thumbnails disabled"
          + " (initcall.thumbnails.disabled at " + config + ":1)"), app.describe());
      assertFalse(app.stdout().contains("codecs static initializer"), "not run by the agent");

      assertEquals("api flush ran 4", GroupsApp.ask(app, "flush", "api flush ran"));
      app.awaitStderr("initcall player skipped: needs 'codecs', which was disabled", 10_000);
      assertEquals("{crypto=1, radio=1, radio.wifi=1, storage=1, usb=1}", GroupsApp.counts(app),
          "neither thumbnails nor gallery, which needs it, nor player");
      app.awaitStderr("initcall gallery skipped: needs 'thumbnails', which was disabled",
          10_000);

      // the class is left as compiled: its static initializer runs on first use, as without
      // the agent, on the thread that uses it
      assertEquals("codecs [h264, vp9]", GroupsApp.ask(app, "codecs", "codecs "));
      assertTrue(app.stdout().contains("codecs static initializer on main\n"), app.describe());
      assertEquals(1, app.stdout().split("codecs static initializer", -1).length - 1);
    }
  }

  @Test
  void aNameThatMatchesNothingStopsTheJvmBeforeMainWithAHint() throws Exception {
    ForkedJvm.Result option = GroupsApp.jvm("disable=usbb:connectivity", tmp).run();
    assertEquals(1, option.exitCode(), option.describe());
    assertFalse(option.stdout().contains("app up"), option.describe());
    assertTrue(option.stderr().startsWith("initcall4j: option 'disable': no initcall or group"
        + " named 'usbb' to disable; did you mean 'usb'?\n"
        + "initcall4j: stopping the JVM before main\n"), option.describe());

    Path config = tmp.resolve("groups.properties");
    Files.writeString(config, "initcall.thumbnail.disabled = true\n");
    ForkedJvm.Result inConfig = GroupsApp.jvm("config=" + config, tmp).run();
    assertEquals(1, inConfig.exitCode(), inConfig.describe());
    assertTrue(inConfig.stderr().startsWith("initcall4j: " + config
        + ":1: initcall.thumbnail.disabled: no initcall or group named 'thumbnail' to disable;"
        + " did you mean 'thumbnails'?\n"), inConfig.describe());
  }
}
