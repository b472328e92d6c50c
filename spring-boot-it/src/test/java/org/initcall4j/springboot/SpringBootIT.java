package org.initcall4j.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spring Boot web application (Boot 3.5, Tomcat) under the real agent, in each way it
 * ships: the executable jar ({@code java -jar}, Spring's {@code JarLauncher} and its own class
 * loader), the exploded jar, the extracted layout and the unpacked class path.
 */
class SpringBootIT {
  @TempDir
  Path tmp;

  /**
   * The boot initcall runs before the application's main, on the launcher's class loader, and
   * the application flushes its deferred initcall itself.
   */
  @OnEachJdk
  void executableJarRunsBootInitcallsBeforeMainOnTheLaunchersLoader(String jdk) throws Exception {
    ForkedJvm shop = ForkedJvm.of(Jdks.home(jdk)).agent("debug").jar(Shop.jar());
    try (RunningJvm jvm = shop.start()) {
      int port = Shop.awaitReady(jvm);
      assertBootedBeforeMain(jvm);
      assertEquals("flushed 1, warmup ran 1 time(s)", Shop.get(port, "/flush"), jvm.describe());
      assertEquals("flushed 0, warmup ran 1 time(s)", Shop.get(port, "/flush"), jvm.describe());
      assertTrue(jvm.stderr().contains("initcall warmup returned after"), jvm.describe());
    }
  }

  private static void assertBootedBeforeMain(RunningJvm jvm) {
    String out = jvm.stdout();
    int clock = out.indexOf("clock set by its initcall, class loader LaunchedClassLoader");
    assertTrue(clock >= 0, "the boot initcall did not run on Spring's loader\n" + jvm.describe());
    assertTrue(out.indexOf("main starts: clock set") > clock,
        "main did not start after the boot initcall\n" + jvm.describe());
    assertFalse(jvm.stderr().contains("ClassNotFoundException"), jvm.describe());
  }

  /** An operator flushes through the control directory, by name. */
  @Test
  void controlFileFlushesTheDeferredInitcall() throws Exception {
    Path control = tmp.resolve("control");
    ForkedJvm shop = ForkedJvm.current().agent("control=" + control).jar(Shop.jar());
    try (RunningJvm jvm = shop.start()) {
      Shop.awaitReady(jvm);
      jvm.awaitFile(control.resolve("deferred_initcalls"), "warmup\n"::equals, 30_000);
      Files.writeString(control.resolve("deferred_initcalls"), "warmup\n");
      jvm.awaitStdout("warmup ran 1 time(s)", 30_000);
    }
  }

  /** An operator flushes with the command-line tool on the pid. */
  @Test
  void cliFlushesTheDeferredInitcall() throws Exception {
    try (RunningJvm jvm = ForkedJvm.current().agent(null).jar(Shop.jar()).start()) {
      Shop.awaitReady(jvm);
      String pid = Long.toString(jvm.pid());
      ForkedJvm.Result flush = agentCli("flush", "warmup", pid);
      assertEquals(0, flush.exitCode(), flush.describe());
      assertTrue(flush.stdout().contains("ran 1"), flush.describe());
      jvm.awaitStdout("warmup ran 1 time(s)", 30_000);
    }
  }

  /** An agent attached to a running shop finds Spring's loader from the main class. */
  @Test
  void attachedAgentRunsInitcallsOnTheLaunchersLoader() throws Exception {
    try (RunningJvm jvm = ForkedJvm.current().jar(Shop.jar()).start()) {
      Shop.awaitReady(jvm);
      String pid = Long.toString(jvm.pid());
      ForkedJvm.Result attach = agentCli("attach", pid, "debug");
      assertEquals(0, attach.exitCode(), attach.describe());
      ForkedJvm.Result flush = agentCli("flush", "warmup", pid);
      assertEquals(0, flush.exitCode(), flush.describe());
      jvm.awaitStdout("warmup ran 1 time(s)", 30_000);
      assertTrue(jvm.stdout().contains("clock set by its initcall, class loader"
          + " LaunchedClassLoader"), jvm.describe());
    }
  }

  private static ForkedJvm.Result agentCli(String... args) throws Exception {
    return ForkedJvm.current().jvmArg("-jar").jvmArg(ForkedJvm.agentJar().toString())
        .main(null, args).run();
  }

  /**
   * A slow static initializer of the application, deferred by a config without changing its
   * code: checked against the jar's nested class path, not run at start-up, run on the first
   * request that needs it, and the answers are those of the application without the agent.
   */
  @Test
  void configDefersAnApplicationClassUntilItsFirstRequest() throws Exception {
    String plainCatalog;
    String plainHello;
    try (RunningJvm plain = ForkedJvm.current().jar(Shop.jar()).start()) {
      int port = Shop.awaitReady(plain);
      plainHello = Shop.get(port, "/hello");
      plainCatalog = Shop.get(port, "/catalog");
    }
    Path config = tmp.resolve("initcalls.properties");
    Files.writeString(config, "initcall.catalog.class = com.example.shop.Catalog\n"
        + "initcall.catalog.deferred = true\n");
    ForkedJvm shop = ForkedJvm.current().agent("debug,config=" + config).jar(Shop.jar());
    try (RunningJvm jvm = shop.start()) {
      int port = Shop.awaitReady(jvm);
      assertFalse(jvm.stdout().contains("catalog loaded"), jvm.describe());
      assertEquals(plainHello, Shop.get(port, "/hello"));
      assertEquals(plainCatalog, Shop.get(port, "/catalog"));
      assertTrue(jvm.stdout().contains("catalog loaded on thread http-nio-"), jvm.describe());
      assertTrue(jvm.stderr().contains("initcall catalog returned after"), jvm.describe());
    }
  }

  /** Profile mode times Spring's and the application's static initializers. */
  @Test
  void profileNamesTheApplicationsSlowStaticInitializer() throws Exception {
    ForkedJvm shop = ForkedJvm.current().agent("profile,profile.include=com.example.**")
        .jar(Shop.jar());
    try (RunningJvm jvm = shop.start()) {
      int port = Shop.awaitReady(jvm);
      Shop.get(port, "/catalog");
      Shop.get(port, "/stop"); // the blame list is printed at exit
      ForkedJvm.Result result = jvm.awaitExit(60);
      assertEquals(0, result.exitCode(), result.describe());
      assertTrue(result.stderr().contains("com.example.shop.Catalog"), result.describe());
    }
  }

  /** {@code java -cp DIR JarLauncher} in the unzipped jar. */
  @Test
  void explodedJarRunsBootInitcallsBeforeMain() throws Exception {
    Path dir = Shop.explode(Files.createDirectory(tmp.resolve("exploded")));
    ForkedJvm shop = ForkedJvm.current().agent("debug").classPath(dir).main(Shop.LAUNCHER);
    try (RunningJvm jvm = shop.start()) {
      int port = Shop.awaitReady(jvm);
      assertBootedBeforeMain(jvm);
      assertEquals("flushed 1, warmup ran 1 time(s)", Shop.get(port, "/flush"), jvm.describe());
    }
  }

  /** The unzipped jar run on a plain class path: the index the repackager left at the root. */
  @Test
  void unpackedClassPathFindsTheIndexAtTheJarsRoot() throws Exception {
    Path dir = Shop.explode(Files.createDirectory(tmp.resolve("unpacked")));
    ForkedJvm shop = ForkedJvm.current().agent("debug")
        .classPath(dir.resolve("BOOT-INF").resolve("classes"))
        .classPath(Path.of(dir.resolve("BOOT-INF").resolve("lib") + File.separator + "*"))
        .main(Shop.MAIN);
    try (RunningJvm jvm = shop.start()) {
      int port = Shop.awaitReady(jvm);
      assertTrue(jvm.stdout().indexOf("main starts: clock set") > jvm.stdout().indexOf(
          "clock set by its initcall, class loader AppClassLoader"), jvm.describe());
      assertEquals("flushed 1, warmup ran 1 time(s)", Shop.get(port, "/flush"), jvm.describe());
    }
  }

  /** Spring Boot's extracted layout ({@code -Djarmode=tools extract}): a plain class path. */
  @Test
  void extractedLayoutRunsBootInitcallsBeforeMain() throws Exception {
    Path dir = tmp.resolve("extracted");
    ForkedJvm.Result extract = ForkedJvm.current().jvmArg("-Djarmode=tools")
        .jar(Shop.jar(), "extract", "--destination", dir.toString()).run();
    assertEquals(0, extract.exitCode(), extract.describe());
    try (RunningJvm jvm = ForkedJvm.current().agent("debug").jar(dir.resolve("shop.jar"))
        .start()) {
      int port = Shop.awaitReady(jvm);
      assertTrue(jvm.stdout().indexOf("main starts: clock set") > jvm.stdout().indexOf(
          "clock set by its initcall"), jvm.describe());
      assertEquals("flushed 1, warmup ran 1 time(s)", Shop.get(port, "/flush"), jvm.describe());
    }
  }
}
