package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.initcall4j.agent.runtime.ModuleAccess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application run from the module path ({@code --module-path ... -m app/m.Main}), compiled
 * with the real processor against the api as module {@code org.initcall4j}: its initcalls and
 * config targets are in a package the module neither exports nor opens.
 */
class ModulePathIT {
  private static final String CONFIG = """
      initcall.mount.method = m.Storage#mount()
      initcall.mount.after = clock
      initcall.port.method = m.Usb#connect(java.lang.String)
      initcall.port.deferred = true
      initcall.catalog.class = m.Catalog
      initcall.catalog.deferred = true
      """;

  private static ForkedJvm modular(String jdk, String options, String... args) {
    return ForkedJvm.of(Jdks.home(jdk)).agent(options)
        .modulePath(TestApps.jar("modular")).modulePath(ForkedJvm.apiClasses())
        .mainModule("app/m.Main", args);
  }

  private static String config(Path dir) throws Exception {
    Path file = dir.resolve("initcalls.properties");
    Files.writeString(file, CONFIG);
    return "config=" + file;
  }

  @OnEachJdk
  void bootInitcallsRunBeforeMainAndTheDeferredOneAtTheFlush(String jdk) throws Exception {
    ForkedJvm.Result result = modular(jdk, "debug").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertEquals(List.of("initcall clock", "initcall storage", "main in module app",
        "initcall usb", "flushed", "m open to all: false"), result.stdoutLines(),
        result.describe());
    assertTrue(result.stderr().contains("calling  clock @ main"), result.describe());
    assertFalse(result.stderr().contains("failed"), result.describe());
  }

  @OnEachJdk
  void configEntryPointsAndDeferredClassOfTheModuleAreRewritten(String jdk, @TempDir Path dir)
      throws Exception {
    ForkedJvm.Result result = modular(jdk, config(dir), "config").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertEquals(List.of("initcall clock", "initcall storage", "storage mount",
        "main in module app",
        // Storage.mount() ran at boot, so the application's call returns at once
        "connect returned", // parked
        "catalog class initialized", // Class.forName no longer runs the deferred static init
        "catalog static init", "catalog size 2", // the first real use does
        "usb connect port-a", "initcall usb", "flushed", "m open to all: false"),
        result.stdoutLines(), result.describe());
    assertFalse(result.stderr().contains("initcall4j"), result.describe());
  }

  @OnEachJdk
  void profileModeTimesTheStaticInitializersOfTheModule(String jdk) throws Exception {
    ForkedJvm.Result result = modular(jdk, "profile", "profile").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdoutLines().contains("slow 42"), result.describe());
    Matcher slow = Pattern.compile("(?m)^ *(\\d+\\.\\d{3}) +\\d+\\.\\d{3}  m\\.Slow \\[main\\]$")
        .matcher(result.stderr());
    assertTrue(slow.find(), "profile mode must name m.Slow\n" + result.describe());
    assertTrue(Double.parseDouble(slow.group(1)) >= 195, "Slow sleeps 200 ms: " + slow.group());
    assertFalse(result.stderr().contains("could not time"), result.describe());
  }

  /** Module work is paid for by named modules only: the class path never loads it. */
  @OnEachJdk
  void theSameAppOnTheClassPathLoadsNoModuleAccess(String jdk, @TempDir Path dir)
      throws Exception {
    String options = "profile," + config(dir);
    ForkedJvm.Result onModulePath = modular(jdk, options, "config")
        .jvmArg("-Xlog:class+load=info").run();
    ForkedJvm.Result onClassPath = ForkedJvm.of(Jdks.home(jdk)).agent(options)
        .jvmArg("-Xlog:class+load=info")
        .classPath(TestApps.jar("modular")).classPath(ForkedJvm.apiClasses())
        .main("m.Main", "config").run();

    assertEquals(0, onModulePath.exitCode(), onModulePath.describe());
    assertEquals(0, onClassPath.exitCode(), onClassPath.describe());
    assertEquals(appLines(onModulePath), appLines(onClassPath), onClassPath.describe());
    assertTrue(onModulePath.stdout().contains(ModuleAccess.class.getName() + " "),
        onModulePath.describe());
    assertFalse(onClassPath.stdout().contains(ModuleAccess.class.getName()),
        "nothing of module access may load on the class path\n" + onClassPath.describe());
  }

  /** Stdout without the JVM's class-loading log and the lines about the app's own module. */
  private static List<String> appLines(ForkedJvm.Result result) {
    return result.stdoutLines().stream().filter(l -> !l.startsWith("["))
        .filter(l -> !l.startsWith("main in module") && !l.startsWith("m open to all"))
        .toList();
  }
}
