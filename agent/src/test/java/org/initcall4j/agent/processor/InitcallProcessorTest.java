package org.initcall4j.agent.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.initcall4j.agent.index.IndexFormat;
import org.initcall4j.agent.testing.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles sources with the real processor and checks its errors and its index. */
class InitcallProcessorTest {
  @TempDir
  Path dir;

  private Compilation compile(String... options) throws IOException {
    List<Path> files;
    try (var walk = Files.walk(dir.resolve("src"))) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    List<String> args = new ArrayList<>(List.of("--release", "17", "-d",
        Files.createDirectories(dir.resolve("out")).toString(),
        "-cp", Paths.get(System.getProperty("initcall4j.api.classes", "../api/target/classes"))
            .toAbsolutePath().toString(),
        "-processor", InitcallProcessor.class.getName()));
    args.addAll(List.of(options));
    return Compilation.run(args, files);
  }

  private void source(String className, String body) throws IOException {
    Path file = dir.resolve("src/app/" + className + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "package app;\nimport org.initcall4j.*;\n" + body);
  }

  private static void assertError(Compilation result, long line, String text) {
    for (Diagnostic<? extends JavaFileObject> error : result.errors()) {
      if (error.getLineNumber() == line && error.getMessage(Locale.ROOT).contains(text)) {
        return;
      }
    }
    throw new AssertionError("no error at line " + line + " containing '" + text + "':\n"
        + result.diagnostics());
  }

  @Test
  void writesTheIndexForValidInitcalls() throws IOException {
    source("Cam", """
        class Cam {
          @Initcall(name = "storage", level = Level.FS)
          static void storage() {}
          @Initcall(name = "usb", after = "storage", deferred = true, async = true)
          private static void usb() {}
          static class Inner {
            @Initcall(name = "inner", partOf = "usb", deferred = true)
            static void go() {}
          }
        }
        """);
    Compilation result = compile();

    assertTrue(result.success(), result.diagnostics());
    String index = Files.readString(dir.resolve("out").resolve(IndexFormat.RESOURCE));
    assertTrue(index.contains("storage\tFS\tapp.Cam\tstorage\t\t\t\t\n"), index);
    assertTrue(index.contains("usb\tDEVICE\tapp.Cam\tusb\tstorage\t\t\tdeferred,async\n"), index);
    assertTrue(index.contains("inner\tDEVICE\tapp.Cam$Inner\tgo\t\t\tusb\tdeferred\n"), index);
  }

  @Test
  void methodShapeErrorsAreReportedAtTheMethod() throws IOException {
    source("Bad", """
        class Bad {
          @Initcall(name = "a")
          void notStatic() {}
          @Initcall(name = "b")
          static void params(int x) {}
          @Initcall(name = "c")
          static int returns() { return 1; }
          class Inner {
            @Initcall(name = "d")
            void inner() {}
          }
        }
        """);
    Compilation result = compile();

    assertFalse(result.success());
    assertError(result, 4, "an initcall must be static: make app.Bad.notStatic() static");
    assertError(result, 6, "an initcall takes no parameters; app.Bad.params() has 1");
    assertError(result, 8, "an initcall returns void; app.Bad.returns() returns int");
    assertError(result, 11, "an initcall must be in a static nested class; make Inner static");
    assertFalse(Files.exists(dir.resolve("out").resolve(IndexFormat.RESOURCE)),
        "no index may be written for a broken build");
  }

  @Test
  void badNamesAreReported() throws IOException {
    source("Names", """
        class Names {
          @Initcall(name = "has space", after = "a,b")
          static void a() {}
        }
        """);
    Compilation result = compile();

    assertError(result, 4, "bad initcall name 'has space' in name");
    assertError(result, 4, "bad initcall name 'a,b' in after");
  }

  @Test
  void duplicateNamesAreReportedAtTheSecondDeclaration() throws IOException {
    source("One", """
        class One {
          @Initcall(name = "usb")
          static void a() {}
        }
        """);
    source("Two", """
        class Two {
          @Initcall(name = "usb")
          static void b() {}
        }
        """);
    Compilation result = compile();

    assertEquals(1, result.errors().size(), result.diagnostics());
    assertTrue(result.diagnostics().contains("duplicate initcall name 'usb', also used by app."),
        result.diagnostics());
  }

  @Test
  void cyclesAndUnknownNamesAreReportedAtTheInitcallThatDeclaresThem() throws IOException {
    source("Graph", """
        class Graph {
          @Initcall(name = "a", after = "b")
          static void a() {}
          @Initcall(name = "b", after = "a")
          static void b() {}
          @Initcall(name = "c", after = "missing")
          static void c() {}
        }
        """);
    Compilation result = compile();

    assertError(result, 8, "'c' runs after 'missing', which is not an initcall");
    assertFalse(result.success());
  }

  @Test
  void cycleIsReportedWithTheWholeCycle() throws IOException {
    source("Cycle", """
        class Cycle {
          @Initcall(name = "a", after = "b")
          static void a() {}
          @Initcall(name = "b", after = "a")
          static void b() {}
        }
        """);
    Compilation result = compile();

    assertError(result, 4, "dependency cycle: a -> b -> a");
  }

  @Test
  void levelContradictionIsACompileError() throws IOException {
    source("Levels", """
        class Levels {
          @Initcall(name = "clock", level = Level.CORE, after = "usb")
          static void clock() {}
          @Initcall(name = "usb")
          static void usb() {}
        }
        """);
    assertError(compile(), 4, "'clock' (level core) must wait for 'usb' (level device)");
  }

  @Test
  void namesDeclaredInOtherJarsCanBeNamedAsExternal() throws IOException {
    source("Ext", """
        class Ext {
          @Initcall(name = "web", after = "database")
          static void web() {}
        }
        """);
    Compilation result = compile("-Ainitcall4j.external=database:cache");

    assertTrue(result.success(), result.diagnostics());
  }

  @Test
  void aNameInPartOfThatNoInitcallHasIsAGroupAndCompiles() throws IOException {
    source("Net", """
        class Net {
          @Initcall(name = "net.core", partOf = "net", deferred = true)
          static void core() {}
          @Initcall(name = "net.phy", partOf = "net.core", deferred = true)
          static void phy() {}
          @Initcall(name = "dns", partOf = "net", deferred = true)
          static void dns() {}
          @Initcall(name = "mail", after = "net", deferred = true)
          static void mail() {}
        }
        """);
    Compilation result = compile();

    assertTrue(result.success(), result.diagnostics());
    String index = Files.readString(dir.resolve("out").resolve(IndexFormat.RESOURCE));
    assertTrue(index.contains("net.core\tDEVICE\tapp.Net\tcore\t\t\tnet\tdeferred\n"), index);
    assertTrue(index.contains("mail\tDEVICE\tapp.Net\tmail\tnet\t\t\tdeferred\n"), index);
    assertFalse(index.contains("\nnet\t"), "a group has no line of its own: " + index);
  }

  @Test
  void aGroupAfterAGroupCompilesAndACycleThroughOneIsReportedWhole() throws IOException {
    source("Apps", """
        class Apps {
          @Initcall(name = "wifi", partOf = "net", before = "apps")
          static void wifi() {}
          @Initcall(name = "mail", partOf = "apps")
          static void mail() {}
          @Initcall(name = "sync", partOf = "apps", before = "net")
          static void sync() {}
        }
        """);
    Compilation result = compile();

    assertFalse(result.success());
    assertTrue(result.diagnostics().contains("dependency cycle: "), result.diagnostics());
    assertTrue(result.diagnostics().contains("apps waits for wifi: wifi before apps, declared at"
        + " app.Apps.wifi()"), result.diagnostics());
    assertTrue(result.diagnostics().contains("net waits for sync: sync before net, declared at"
        + " app.Apps.sync()"), result.diagnostics());
  }

  @Test
  void aGroupOfOnePartNamedLikeAnInitcallIsReportedAtThePart() throws IOException {
    source("Hub", """
        class Hub {
          @Initcall(name = "hub")
          static void hub() {}
          @Initcall(name = "port", partOf = "hubb")
          static void port() {}
        }
        """);
    Compilation result = compile();

    assertError(result, 6, "that makes 'hubb' a group of one part, and 'hub' is an initcall;"
        + " did you mean 'hub'?");
  }

  @Test
  void anAfterANameThatNoPartJoinsIsUnknownWithoutAnUnlikelyHint() throws IOException {
    source("Web", """
        class Web {
          @Initcall(name = "web")
          static void web() {}
          @Initcall(name = "mail", after = "net")
          static void mail() {}
        }
        """);
    Compilation result = compile();

    assertError(result, 6, "'mail' runs after 'net', which is not an initcall or a group");
    assertFalse(result.diagnostics().contains("did you mean"), result.diagnostics());
  }

  @Test
  void aPartOfAnExternalNameJoinsNoGroup() throws IOException {
    source("Ext", """
        class Ext {
          @Initcall(name = "wifi", partOf = "net")
          static void wifi() {}
          @Initcall(name = "mail", after = "net")
          static void mail() {}
        }
        """);
    Compilation result = compile("-Ainitcall4j.external=net");

    assertTrue(result.success(), result.diagnostics());
  }
}
