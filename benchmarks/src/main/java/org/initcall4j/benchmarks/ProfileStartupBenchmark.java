package org.initcall4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.initcall4j.benchmarks.startup.ChildJvm;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole runs of real programs, each a fresh JVM from start to exit: H2's shell running a small SQL
 * script, Groovy's command line running a one-line script, and Clojure printing 1 (every
 * Clojure function is a class: about 1,600 static initializers run); and the start of a Spring
 * Boot web application (module {@code spring-boot-it}'s executable jar, which has two initcalls
 * of its own), from launch to its {@code Started ... in} line, after which it is stopped. Each
 * without an agent, with the
 * agent in its default mode (nothing to do), in profile mode (which, with no initcalls, starts no
 * control plane), in profile mode with the control plane switched off by name, and in profile
 * mode with the MBean asked for ({@code jmx=on}); and with a config whose initcall the run never
 * reaches, with and without the control plane. What profile mode and the control plane add to a
 * real program's run, all transform and recording costs included. Besides wall time, the child's CPU
 * time (user + system, from this JVM's {@code /proc/self/stat} children counters, 10 ms ticks)
 * is reported as the secondary result {@code childCpuMs} (for the web application, its CPU time
 * up to the measured line, from its {@code /proc/PID/stat}): on a shared, busy machine it moves
 * much less than wall time. {@code -p agentOf=this,DIR} measures this checkout's agent jar and
 * the one built in checkout {@code DIR} side by side, in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 10)
public class ProfileStartupBenchmark {

  @Param({"h2", "groovy", "clojure", "spring"})
  String program;

  /** Whose agent jar: this checkout's, or that of the checkout in the directory named. */
  @Param({"this"})
  String agentOf;

  /**
   * No agent; the agent with no options; profile mode; profile mode with JMX and control off by
   * name; profile mode with the MBean from the start; a config whose initcall the run never
   * reaches with the whole control plane, without it ({@code config-lean}), without the MBean's
   * watch for JMX ({@code config-jmx-off}), without the control directory
   * ({@code config-control-off}), and with the control plane started as soon as boot ends
   * instead of after the start-up ({@code config-delay-0}); a {@code premain} that does nothing,
   * the floor for any agent ({@code noop}); and the config that {@code profile.suggest} wrote
   * from one profile run of the same program at set-up ({@code suggested}: the slow static
   * initializers the config check accepts, deferred, though the run initializes them anyway).
   */
  @Param({"none", "noop", "agent", "profile", "profile-lean", "profile-jmx", "config",
      "config-lean", "config-jmx-off", "config-control-off", "config-delay-0", "suggested"})
  String agent;

  private ProgramRun run;
  private Path scratch;

  @Setup(Level.Trial)
  public void prepare() throws IOException, InterruptedException {
    Path repo = ProgramRun.repo();
    Path jar = ProgramRun.agentJar(agentOf);
    scratch = Files.createTempDirectory("initcall4j-bench");
    run = new ProgramRun(program, agent, repo, jar, scratch);
  }

  @TearDown(Level.Trial)
  public void deleteScratch() throws IOException {
    ChildJvm.deleteTree(scratch);
  }

  /** The child JVM's CPU time, summed over the iteration (one run in single-shot mode). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class ChildCpu {
    public double childCpuMs;
  }

  @Benchmark
  public double run(ChildCpu cpu) throws IOException, InterruptedException {
    double cpuMs = run.run();
    cpu.childCpuMs += cpuMs;
    return cpuMs;
  }

  /** The web application runs on after its line: stopped here, outside the measured time. */
  @TearDown(Level.Invocation)
  public void stopShop() throws InterruptedException {
    run.stop();
  }
}
