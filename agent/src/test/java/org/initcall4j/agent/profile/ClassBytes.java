package org.initcall4j.agent.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.initcall4j.agent.testing.Compilation;
import org.initcall4j.agent.testing.TestApps;

/** Test inputs as class-file bytes: sources under src/test/apps compiled for a given release. */
final class ClassBytes {
  private ClassBytes() {}

  private static final Map<String, Map<String, byte[]>> COMPILED = new ConcurrentHashMap<>();

  /**
   * {@code src/test/apps/<app>} compiled with {@code --release <release>} (once per test run):
   * internal name to bytes.
   */
  static Map<String, byte[]> compile(String app, int release) {
    return COMPILED.computeIfAbsent(app + "-release" + release, key -> compileNow(app, release));
  }

  private static Map<String, byte[]> compileNow(String app, int release) {
    Path out = Paths.get("target", "test-apps", app + "-release" + release).toAbsolutePath();
    try {
      TestApps.deleteTree(out);
      Files.createDirectories(out);
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(Paths.get("src", "test", "apps", app))) {
        sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      List<String> options = new ArrayList<>(List.of("--release", String.valueOf(release),
          "-proc:none", "-Xlint:-options", "-d", out.toString()));
      Compilation result = Compilation.run(options, sources);
      if (!result.success()) {
        throw new IllegalStateException(app + " does not compile for release " + release + ":\n"
            + result.diagnostics());
      }
      return Map.copyOf(read(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every class file under a directory, by internal name. */
  static Map<String, byte[]> read(Path root) throws IOException {
    Map<String, byte[]> classes = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(file).toString().replace('\\', '/');
        classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
      }
    }
    return classes;
  }

  /** A throwaway loader that defines the given classes itself and delegates the rest. */
  static final class Loader extends ClassLoader {
    private final Map<String, byte[]> classes;

    Loader(Map<String, byte[]> classes) {
      super(Loader.class.getClassLoader());
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name.replace('.', '/'));
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
