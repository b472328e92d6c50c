package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application behind a launcher that makes its class loader itself (a launcher of the tests'
 * own, next to the Spring Boot tests): the application's loader is the one that defines its main
 * class, named by option {@code main} or by the launcher jar's {@code Start-Class}.
 */
class LauncherIT {
  @TempDir
  Path tmp;

  /** What the launcher gets as the application's class path: its classes and the api. */
  private static String applicationPath() {
    return TestApps.classes("launched") + File.pathSeparator + ForkedJvm.apiClasses();
  }

  @OnEachJdk
  void optionMainNamesTheApplicationBehindAnyLauncher(String jdk) throws Exception {
    ForkedJvm.Result result = ForkedJvm.of(Jdks.home(jdk)).agent("debug,main=launched.Main")
        .classPath(TestApps.classes("launcher"))
        .main("launch.Launch", applicationPath(), "launched.Main").run();
    assertEquals(0, result.exitCode(), result.describe());
    assertBootBeforeMainThenFlush(result);
  }

  @OnEachJdk
  void startClassOfTheLauncherJarNamesTheApplication(String jdk) throws Exception {
    ForkedJvm.Result result = ForkedJvm.of(Jdks.home(jdk)).agent("debug")
        .jar(launcherJar("launched.Main"), applicationPath(), "launched.Main").run();
    assertEquals(0, result.exitCode(), result.describe());
    assertBootBeforeMainThenFlush(result);
  }

  private static void assertBootBeforeMainThenFlush(ForkedJvm.Result result) {
    assertEquals(List.of("clock initcall on loader launched", "main starts: clock set",
        "greet ran", "usb initcall ran", "flush ran 1"), result.stdoutLines(), result.describe());
    assertFalse(result.stderr().contains("Exception"), result.describe());
  }

  /**
   * Config initcalls behind the launcher: a boot entry point in the main class itself (defined
   * before the rewrites could be registered) and a deferred class, checked against the launcher's
   * loader, initialized on its first use.
   */
  @Test
  void configRewritesTheMainClassAndDefersAClassOfTheApplication() throws Exception {
    Path config = tmp.resolve("initcalls.properties");
    Files.writeString(config, "initcall.greet.method = launched.Main#greet()\n"
        + "initcall.greet.after = clock\n"
        + "initcall.catalog.class = launched.Catalog\n"
        + "initcall.catalog.deferred = true\n");
    ForkedJvm.Result result = ForkedJvm.current().agent("debug,config=" + config)
        .jar(launcherJar("launched.Main"), applicationPath(), "launched.Main", "catalog").run();
    assertEquals(0, result.exitCode(), result.describe());
    assertEquals(List.of("clock initcall on loader launched", "greet ran",
        "main starts: clock set", "catalog static initializer on main", "catalog has 3 items",
        "usb initcall ran", "flush ran 1"), result.stdoutLines(), result.describe());
    assertTrue(result.stderr().contains("calling  catalog @ main"), result.describe());
  }

  /** A bad config behind a launcher stops the JVM before the application's main, as in premain. */
  @Test
  void badConfigStopsTheJvmBeforeTheApplicationsMain() throws Exception {
    Path config = tmp.resolve("initcalls.properties");
    Files.writeString(config, "initcall.catalog.class = launched.Catalogue\n");
    ForkedJvm.Result result = ForkedJvm.current().agent("config=" + config)
        .jar(launcherJar("launched.Main"), applicationPath(), "launched.Main").run();
    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("launched.Catalogue"), result.describe());
    assertTrue(result.stderr().contains("initcall4j: stopping the JVM before main"),
        result.describe());
    assertFalse(result.stdout().contains("main starts"), result.describe());
  }

  /** A main class that never loads (a misspelt option) is said at exit: nothing ran. */
  @Test
  void aMainClassThatNeverLoadsIsSaidAtExit() throws Exception {
    ForkedJvm.Result result = ForkedJvm.current().agent("main=launched.Mian")
        .classPath(TestApps.classes("launcher"))
        .main("launch.Launch", applicationPath(), "launched.Main").run();
    assertTrue(result.stdout().startsWith("main starts: clock not set\n"), result.describe());
    assertTrue(result.stderr().contains("initcall4j: the application's main class launched.Mian"
        + " (option 'main', or the manifest's Start-Class) was never loaded, so no initcall ran"),
        result.describe());
  }

  /** Without the agent the launcher runs the same application: nothing runs the initcalls. */
  @Test
  void withoutTheAgentNoInitcallRuns() throws Exception {
    ForkedJvm.Result result = ForkedJvm.current()
        .jar(launcherJar("launched.Main"), applicationPath(), "launched.Main").run();
    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stdout().startsWith("main starts: clock not set\ngreet ran\n"),
        result.describe());
    assertTrue(result.stderr().contains("initcall4j agent is not loaded"), result.describe());
  }

  /** The launcher's classes in a jar whose manifest names the launcher and the application. */
  private Path launcherJar(String startClass) {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, "launch.Launch");
    main.putValue("Start-Class", startClass);
    return TestApps.jar("launcher", manifest, tmp.resolve("launcher.jar"));
  }
}
