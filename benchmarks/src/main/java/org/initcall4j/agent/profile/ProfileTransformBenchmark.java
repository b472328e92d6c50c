package org.initcall4j.agent.profile;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
 * What profile mode costs per loaded class in the steady state: one class per operation, in turn
 * over every class file of a real jar, after JIT warm-up. {@link ProfileTransformColdBenchmark}
 * measures the same at start-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 2)
public class ProfileTransformBenchmark {

  @Param({"h2", "groovy"})
  String corpus;

  private TransformCorpus classes;
  private int next;

  @Setup
  public void readCorpus() throws IOException {
    classes = new TransformCorpus(corpus);
  }

  private int advance() {
    int at = next;
    next = at + 1 == classes.classes.length ? 0 : at + 1;
    return at;
  }

  @Benchmark
  public byte[] warmProfileTransform() {
    return classes.profileTransform(advance());
  }

  @Benchmark
  public byte[] warmAsmOnlyTransform() {
    return classes.asmOnlyTransform(advance());
  }

  @Benchmark
  public int warmRejectScan() {
    return classes.rejectScan(advance());
  }

  @Benchmark
  public byte[] warmNaiveAsmRoundTrip() {
    return classes.naiveAsmRoundTrip(advance());
  }
}
