package org.initcall4j.agent.profile;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
 * What profile mode costs per class at start-up: the first {@value #CLASSES} class files of a
 * real jar, once, in a fresh JVM (interpreted code, ASM's own classes still to load), as a
 * transformer meets them while an application starts. Reported per class.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ProfileTransformColdBenchmark {
  /** Classes per operation (both jars have more). */
  static final int CLASSES = 1000;

  @Param({"h2", "groovy"})
  String corpus;

  @Param({"profileTransform", "asmOnlyTransform", "rejectScan", "naiveAsmRoundTrip"})
  String path;

  private TransformCorpus classes;

  @Setup
  public void readCorpus() throws IOException {
    classes = new TransformCorpus(corpus);
  }

  @Benchmark
  @OperationsPerInvocation(CLASSES)
  public void cold(Blackhole sink) {
    for (int at = 0; at < CLASSES; at++) {
      sink.consume(classes.handle(path, at));
    }
  }
}
