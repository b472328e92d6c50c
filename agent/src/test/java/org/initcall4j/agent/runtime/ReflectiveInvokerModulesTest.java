package org.initcall4j.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.testing.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the invoker reaches a private initcall in a named module when it cannot open the package
 * (no instrumentation in-process): a package the module opens itself needs nothing, a closed one
 * fails naming the command-line fix. The opening itself is covered by {@code ModulePathIT}.
 */
class ReflectiveInvokerModulesTest {
  @TempDir
  Path dir;

  @Test
  void aPackageTheModuleOpensItselfNeedsNoGrant() throws Throwable {
    ClassLoader loader = layer("open module opened {}", "opened").findLoader("opened");

    new ReflectiveInvoker(loader).invoke(spec("opened.Init"));

    assertEquals("ran", Class.forName("opened.Init", false, loader).getField("STATE")
        .get(null).toString());
  }

  @Test
  void aClosedPackageWithoutInstrumentationFailsNamingTheFix() throws Exception {
    ClassLoader loader = layer("module closed {}", "closed").findLoader("closed");

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new ReflectiveInvoker(loader).invoke(spec("closed.Init")));

    assertTrue(e.getMessage().contains("cannot open package closed of module closed to the agent")
        && e.getMessage().contains("--add-opens closed/closed=ALL-UNNAMED"), e.getMessage());
  }

  private static InitcallSpec spec(String className) {
    return new InitcallSpec("init", InitLevel.DEVICE, className, "init", List.of(), List.of(),
        null, false, false, "test");
  }

  /** Compiles a one-class module and defines it in a layer of its own. */
  private ModuleLayer layer(String moduleInfo, String pkg) throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve(pkg));
    Files.writeString(src.resolve("module-info.java"), moduleInfo);
    Files.writeString(src.resolve(pkg).resolve("Init.java"), "package " + pkg + ";\n"
        + "public final class Init {\n"
        + "  public static String STATE = \"new\";\n"
        + "  private static void init() { STATE = \"ran\"; }\n"
        + "}\n");
    Path out = dir.resolve("out");
    Compilation result = Compilation.run(List.of("--release", "17", "-proc:none", "-d",
        out.toString()), List.of(src.resolve("module-info.java"),
        src.resolve(pkg).resolve("Init.java")));
    assertTrue(result.success(), result.diagnostics());
    String name = moduleInfo.replaceAll(".*module (\\w+).*", "$1");
    Configuration configuration = ModuleLayer.boot().configuration()
        .resolve(ModuleFinder.of(out), ModuleFinder.of(), Set.of(name));
    return ModuleLayer.boot().defineModulesWithOneLoader(configuration,
        ClassLoader.getSystemClassLoader());
  }
}
