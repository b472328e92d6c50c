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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What profile mode costs per loaded class, over the class files of a real jar (H2 or Groovy,
 * copied to {@code benchmarks/target/corpus/} by the build). Two ways: {@code warm*}, one class
 * per operation in turn over the whole jar after JIT warm-up (the steady state); {@code cold*},
 * the first {@value #COLD_CLASSES} classes once in a fresh JVM, interpreted and with ASM's own
 * classes still to load, as a transformer meets them at start-up. Each compares:
 * <ul>
 *   <li>{@code ProfileTransform}: the profile transformer as the JVM calls it (name and loader
 *       checks, constant-pool scan, and the rewrite of {@code <clinit>} where there is one);
 *   <li>{@code RejectScan}: the constant-pool scan alone, the whole cost for a class without a
 *       static initializer;
 *   <li>{@code NaiveAsmRoundTrip}: what an agent that parses and writes every class with ASM
 *       pays (plain {@code ClassReader} into a fresh {@code ClassWriter}).
 * </ul>
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProfileTransformBenchmark {
  /** Classes per cold operation (both jars have more). */
  static final int COLD_CLASSES = 1000;

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
    System.out.printf("[%s: %d classes, %d with a static initializer (%.0f %%)] ", jar,
        classes.length, withClinit, 100.0 * withClinit / classes.length);
  }

  private int advance() {
    int at = next;
    next = at + 1 == classes.length ? 0 : at + 1;
    return at;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Fork(1)
  @Warmup(iterations = 10, time = 1)
  @Measurement(iterations = 5, time = 2)
  public byte[] warmProfileTransform() {
    return profileTransform(advance());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Fork(1)
  @Warmup(iterations = 10, time = 1)
  @Measurement(iterations = 5, time = 2)
  public int warmRejectScan() {
    return ClassFileScan.scan(classes[advance()]);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Fork(1)
  @Warmup(iterations = 10, time = 1)
  @Measurement(iterations = 5, time = 2)
  public byte[] warmNaiveAsmRoundTrip() {
    return naiveAsmRoundTrip(classes[advance()]);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(COLD_CLASSES)
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public void coldProfileTransform(Blackhole sink) {
    for (int at = 0; at < COLD_CLASSES; at++) {
      sink.consume(profileTransform(at));
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(COLD_CLASSES)
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public void coldRejectScan(Blackhole sink) {
    for (int at = 0; at < COLD_CLASSES; at++) {
      sink.consume(ClassFileScan.scan(classes[at]));
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(COLD_CLASSES)
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public void coldNaiveAsmRoundTrip(Blackhole sink) {
    for (int at = 0; at < COLD_CLASSES; at++) {
      sink.consume(naiveAsmRoundTrip(classes[at]));
    }
  }

  private byte[] profileTransform(int at) {
    return transformer.transform(loader, names[at], null, null, classes[at]);
  }

  private static byte[] naiveAsmRoundTrip(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(0);
    reader.accept(writer, 0);
    return writer.toByteArray();
  }
}
