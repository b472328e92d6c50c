package org.initcall4j.agent.profile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.initcall4j.agent.classfile.ClassFileScan;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * The class files of a real jar ({@code benchmarks/target/corpus/<name>.jar}, copied there by the
 * build) and the three ways of handling one that the transform benchmarks compare.
 */
final class TransformCorpus {
  final String[] names;
  final byte[][] classes;
  private final ProfileTransformer transformer = new ProfileTransformer(
      new ClassSelection(List.of(), List.of()),
      new ProfileLog(new PrintStream(new ByteArrayOutputStream())));
  private final ClassLoader loader = TransformCorpus.class.getClassLoader();

  TransformCorpus(String corpus) throws IOException {
    Path jar = Paths.get(System.getProperty("initcall4j.corpus.dir", "benchmarks/target/corpus"),
        corpus + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("corpus jar " + jar.toAbsolutePath() + " not found: build"
          + " with mvn package, run from the repository root or set -Dinitcall4j.corpus.dir");
    }
    List<String> readNames = new ArrayList<>();
    List<byte[]> readBytes = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName();
        if (name.endsWith(".class") && !name.startsWith("META-INF/")
            && !name.endsWith("module-info.class")) {
          try (InputStream in = zip.getInputStream(entry)) {
            readNames.add(name.substring(0, name.length() - ".class".length()));
            readBytes.add(in.readAllBytes());
          }
        }
      }
    }
    names = readNames.toArray(new String[0]);
    classes = readBytes.toArray(new byte[0][]);
    int withClinit = 0;
    long totalBytes = 0;
    for (byte[] bytes : classes) {
      withClinit += ClassFileScan.scan(bytes) == ClassFileScan.HAS_CLINIT ? 1 : 0;
      totalBytes += bytes.length;
    }
    // the mean size turns µs per class into MB/s (bytes per µs)
    System.out.printf("[%s: %d classes, mean %d bytes, %d with a static initializer (%.0f %%)] ",
        jar, classes.length, totalBytes / classes.length, withClinit,
        100.0 * withClinit / classes.length);
  }

  /** The profile transformer as the JVM calls it: checks, scan, and rewrite where needed. */
  byte[] profileTransform(int at) {
    return transformer.transform(loader, names[at], null, null, classes[at]);
  }

  /**
   * The transformer as it was with ASM only, for comparison: the same scan, then ASM for every
   * class with a static initializer (what the byte patch replaces).
   */
  byte[] asmOnlyTransform(int at) {
    return ClassFileScan.scan(classes[at]) == ClassFileScan.HAS_CLINIT
        ? transformer.rewriteWithAsm(names[at], classes[at]) : null;
  }

  /** The reject path alone: the constant-pool scan for {@code <clinit>}. */
  int rejectScan(int at) {
    return ClassFileScan.scan(classes[at]);
  }

  /** What an agent that parses and writes every class with ASM pays. */
  byte[] naiveAsmRoundTrip(int at) {
    ClassReader reader = new ClassReader(classes[at]);
    ClassWriter writer = new ClassWriter(0);
    reader.accept(writer, 0);
    return writer.toByteArray();
  }

  /** One class by the named path (a benchmark parameter). */
  Object handle(String path, int at) {
    return switch (path) {
      case "profileTransform" -> profileTransform(at);
      case "asmOnlyTransform" -> asmOnlyTransform(at);
      case "rejectScan" -> rejectScan(at);
      case "naiveAsmRoundTrip" -> naiveAsmRoundTrip(at);
      default -> throw new IllegalArgumentException("unknown path " + path);
    };
  }
}
