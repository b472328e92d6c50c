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
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What profile mode costs per loaded class, over every class file of a real jar (H2 or Groovy,
 * copied to {@code benchmarks/target/corpus/} by the build), one class per operation, in turn:
 * <ul>
 *   <li>{@code profileTransform}: the profile transformer as the JVM calls it (name and loader
 *       checks, constant-pool scan, and the rewrite of {@code <clinit>} where there is one);
 *   <li>{@code rejectScan}: the constant-pool scan alone, the whole cost for a class without a
 *       static initializer;
 *   <li>{@code naiveAsmRoundTrip}: what an agent that parses and writes every class with ASM
 *       pays (plain {@code ClassReader} into a fresh {@code ClassWriter}).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProfileTransformBenchmark {

  @Param({"h2", "groovy"})
  String corpus;

  private String[] names;
  private byte[][] classes;
  private int next;
  private ProfileTransformer transformer;
  private ClassLoader loader;

  @Setup
  public void readCorpus() throws IOException {
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
    transformer = new ProfileTransformer(new ClassSelection(List.of(), List.of()),
        new ProfileLog(new PrintStream(new ByteArrayOutputStream())));
    loader = ProfileTransformBenchmark.class.getClassLoader();
    int withClinit = 0;
    for (byte[] bytes : classes) {
      withClinit += ClassFileScan.scan(bytes) == ClassFileScan.HAS_CLINIT ? 1 : 0;
    }
    System.out.printf("%n%s: %d classes, %d with a static initializer (%.0f %%)%n", jar,
        classes.length, withClinit, 100.0 * withClinit / classes.length);
  }

  private int advance() {
    int at = next;
    next = at + 1 == classes.length ? 0 : at + 1;
    return at;
  }

  @Benchmark
  public byte[] profileTransform() {
    int at = advance();
    return transformer.transform(loader, names[at], null, null, classes[at]);
  }

  @Benchmark
  public int rejectScan() {
    return ClassFileScan.scan(classes[advance()]);
  }

  @Benchmark
  public byte[] naiveAsmRoundTrip() {
    ClassReader reader = new ClassReader(classes[advance()]);
    ClassWriter writer = new ClassWriter(0);
    reader.accept(writer, 0);
    return writer.toByteArray();
  }
}
