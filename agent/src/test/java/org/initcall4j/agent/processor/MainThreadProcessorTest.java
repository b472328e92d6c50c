package org.initcall4j.agent.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.initcall4j.agent.index.IndexFormat;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.testing.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mainThread}: written to the index as flag {@code main}, and never with async. */
class MainThreadProcessorTest {
  @TempDir
  Path dir;

  private Compilation compile(String body) throws IOException {
    Path file = dir.resolve("src/app/Ui.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "package app;\nimport org.initcall4j.*;\n" + body);
    return Compilation.run(List.of("--release", "17", "-d",
        Files.createDirectories(dir.resolve("out")).toString(),
        "-cp", Paths.get(System.getProperty("initcall4j.api.classes", "../api/target/classes"))
            .toAbsolutePath().toString(),
        "-processor", InitcallProcessor.class.getName()), List.of(file));
  }

  @Test
  void mainThreadIsWrittenAsFlagMainAndReadBack() throws IOException {
    Compilation result = compile("""
        class Ui {
          @Initcall(name = "ui", mainThread = true, deferred = true)
          static void ui() {}
        }
        """);

    assertTrue(result.success(), result.diagnostics());
    String index = Files.readString(dir.resolve("out").resolve(IndexFormat.RESOURCE));
    assertTrue(index.contains("ui\tDEVICE\tapp.Ui\tui\t\t\t\tdeferred,main\n"), index);
    InitcallSpec spec = IndexFormat.parse(index, "test").get(0);
    assertTrue(spec.mainThread() && spec.deferred() && !spec.async(), spec.toString());
  }

  @Test
  void asyncTogetherWithMainThreadIsACompileErrorAtTheMethod() throws IOException {
    Compilation result = compile("""
        class Ui {
          @Initcall(name = "ui", async = true, mainThread = true)
          static void ui() {}
        }
        """);

    assertFalse(result.success(), result.diagnostics());
    assertEquals(1, result.errors().size(), result.diagnostics());
    // at the annotation (line 4), where the two attributes are
    assertEquals(4, result.errors().get(0).getLineNumber(), result.diagnostics());
    assertTrue(result.errors().get(0).getMessage(Locale.ROOT)
        .contains("cannot be both async and mainThread"), result.diagnostics());
  }

  @Test
  void anIndexWithoutTheFlagStillReadsAsBefore() {
    InitcallSpec spec = IndexFormat.parse("# initcall4j index 1\n"
        + "old\tCORE\tapp.Old\tinit\t\t\t\tasync\n", "old.jar").get(0);
    assertTrue(spec.async() && !spec.mainThread(), spec.toString());
  }
}
