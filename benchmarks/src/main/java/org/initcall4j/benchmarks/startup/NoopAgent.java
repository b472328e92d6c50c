package org.initcall4j.benchmarks.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** The floor for any agent: a -javaagent whose premain does nothing. Packed alone into a jar. */
public final class NoopAgent {
  private NoopAgent() {}

  public static void premain(String options, Instrumentation instrumentation) {
    // nothing: what is measured is the JVM's cost of loading an agent at all
  }

  /** Writes this agent alone into {@code file}, a jar whose manifest names it as premain class. */
  public static Path writeJar(Path file) throws IOException {
    return writeJar(file, NoopAgent.class, "Premain-Class");
  }

  /** Writes one class into a jar whose manifest's {@code attribute} names it. */
  static Path writeJar(Path file, Class<?> type, String attribute) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue(attribute, type.getName());
    String entry = type.getName().replace('.', '/') + ".class";
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out, manifest);
        InputStream bytes = type.getClassLoader().getResourceAsStream(entry)) {
      jar.putNextEntry(new JarEntry(entry));
      bytes.transferTo(jar);
      jar.closeEntry();
    }
    return file;
  }
}
