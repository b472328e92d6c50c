package org.initcall4j.agent.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Small applications under {@code src/test/apps/<name>}, compiled on first use with the real
 * initcall4j processor (this module's classes) into {@code target/test-apps/<name>}, so each has
 * the index a user's build would give it. An optional {@code javac.options} file in the app's
 * folder adds compiler arguments, one a line; an optional {@code uses} file names classes, one a
 * line, compiled into the app as well: helpers several apps share, from
 * {@code src/test/apps/shared} (no app itself), or test code such as {@link Await}. An app with
 * a {@code module-info.java} is compiled as a named module, with the api on the module path (as
 * module {@code org.initcall4j}).
 */
public final class TestApps {
  private static final Path SOURCES = Paths.get("src", "test", "apps");
  private static final Path OUTPUT = Paths.get("target", "test-apps");
  /** Where the classes an app {@code uses} are looked for, in this order. */
  private static final List<Path> SHARED = List.of(SOURCES.resolve("shared"),
      Paths.get("src", "test", "java"));
  private static final Map<String, Path> COMPILED = new ConcurrentHashMap<>();

  private TestApps() {}

  /** The compiled classes directory of an app (compiled once per test run). */
  public static Path classes(String app) {
    return COMPILED.computeIfAbsent(app, TestApps::compile);
  }

  /** The app packed as a jar, as users ship it. */
  public static Path jar(String app) {
    return jar(app, null, OUTPUT.resolve(app + ".jar").toAbsolutePath());
  }

  /** The app packed as a jar with this manifest (null: none), written to {@code jar}. */
  public static Path jar(String app, Manifest manifest, Path jar) {
    Path classes = classes(app);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = manifest == null ? new JarOutputStream(file)
            : new JarOutputStream(file, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(path));
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  private static Path compile(String app) {
    Path sources = SOURCES.resolve(app);
    Path output = OUTPUT.resolve(app).toAbsolutePath();
    try {
      deleteTree(output);
      Files.createDirectories(output);
      List<Path> files;
      try (Stream<Path> walk = Files.walk(sources)) {
        files = new ArrayList<>(walk.filter(p -> p.toString().endsWith(".java")).sorted()
            .toList());
      }
      files.addAll(used(app, sources.resolve("uses")));
      boolean modular = files.stream()
          .anyMatch(f -> f.getFileName().toString().equals("module-info.java"));
      List<String> options = new ArrayList<>(List.of("--release", "17", "-d", output.toString(),
          modular ? "--module-path" : "-cp", ForkedJvm.apiClasses().toString(),
          "-processorpath", Paths.get("target", "classes").toAbsolutePath().toString()));
      // optional extra javac arguments, one a line, e.g. processor options
      Path extra = sources.resolve("javac.options");
      if (Files.isRegularFile(extra)) {
        Files.readAllLines(extra).stream().filter(l -> !l.isBlank()).map(String::strip)
            .forEach(options::add);
      }
      Compilation result = Compilation.run(options, files);
      if (!result.success()) {
        throw new IllegalStateException("test app '" + app + "' does not compile:\n"
            + result.diagnostics());
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sources of the classes named in the app's {@code uses} file, if it has one. */
  private static List<Path> used(String app, Path uses) throws IOException {
    if (!Files.isRegularFile(uses)) {
      return List.of();
    }
    List<Path> found = new ArrayList<>();
    for (String name : Files.readAllLines(uses)) {
      if (name.isBlank()) {
        continue;
      }
      Path file = Paths.get(name.strip().replace('.', '/') + ".java");
      found.add(SHARED.stream().map(root -> root.resolve(file)).filter(Files::isRegularFile)
          .findFirst().orElseThrow(() -> new IllegalStateException("test app '" + app
              + "' uses " + name.strip() + ", which is in none of " + SHARED
              + ": name a class there, one a line")));
    }
    return found;
  }

  /** Deletes a directory tree if it exists. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }
}
