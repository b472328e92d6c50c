package org.initcall4j.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.initcall4j.benchmarks.startup.ChildJvm;
import org.initcall4j.benchmarks.startup.NoopAgent;
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

  /** The line a Spring Boot application logs once it has started. */
  private static final String STARTED = "Started ShopApplication in ";

  private List<String> command;
  private ChildJvm shop;
  private Path scratch;

  @Setup(Level.Trial)
  public void buildCommand() throws IOException, InterruptedException {
    Path repo = Paths.get(System.getProperty("initcall4j.repo", "."));
    Path jar = (agentOf.equals("this") ? repo : Paths.get(agentOf))
        .resolve("agent/target/initcall-agent.jar");
    Path corpus = program.equals("spring") ? repo.resolve("spring-boot-it/target/shop.jar")
        : repo.resolve("benchmarks/target/corpus").resolve(program + ".jar");
    for (Path needed : List.of(jar, corpus)) {
      if (!Files.isRegularFile(needed)) {
        throw new IllegalStateException(needed.toAbsolutePath() + " not found: build with"
            + " mvn package (the web application: -pl spring-boot-it -am) and run from the"
            + " repository root (or set -Dinitcall4j.repo)");
      }
    }
    command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto"));
    List<String> programArguments = programArguments(corpus);
    if (agent.equals("noop")) {
      command.add("-javaagent:" + NoopAgent.writeJar(scratch().resolve("noop-agent.jar")));
    } else if (!agent.equals("none")) {
      command.add("-javaagent:" + jar.toAbsolutePath() + switch (agent) {
        case "profile" -> "=profile";
        case "profile-lean" -> "=profile,jmx=off,control=off";
        case "profile-jmx" -> "=profile,jmx=on";
        case "config" -> "=config=" + untouchedEntryPoint();
        case "config-lean" -> "=jmx=off,control=off,config=" + untouchedEntryPoint();
        case "config-jmx-off" -> "=jmx=off,config=" + untouchedEntryPoint();
        case "config-control-off" -> "=control=off,config=" + untouchedEntryPoint();
        case "config-delay-0" -> "=control.delay=0,config=" + untouchedEntryPoint();
        case "suggested" -> "=config=" + suggestedConfig(jar, programArguments);
        default -> "";
      });
    }
    command.addAll(programArguments);
  }

  /** What follows the JVM's own options: the class path and main class, or the jar. */
  private List<String> programArguments(Path corpus) {
    if (program.equals("spring")) {
      return List.of("-jar", corpus.toAbsolutePath().toString());
    }
    List<String> arguments = new ArrayList<>();
    String classPath = corpus.toAbsolutePath().toString();
    if (program.equals("clojure")) {
      Path dir = corpus.getParent().toAbsolutePath();
      classPath += File.pathSeparator + dir.resolve("clojure-spec.jar") + File.pathSeparator
          + dir.resolve("clojure-core-specs.jar");
    }
    arguments.addAll(List.of("-cp", classPath));
    if (program.equals("clojure")) {
      arguments.addAll(List.of("clojure.main", "-e", "(println 1)"));
    } else if (program.equals("h2")) {
      arguments.addAll(List.of("org.h2.tools.Shell", "-url", "jdbc:h2:mem:b", "-user", "sa",
          "-sql", "CREATE TABLE T(ID INT PRIMARY KEY, V VARCHAR); INSERT INTO T VALUES (1, 'a');"
              + " SELECT * FROM T"));
    } else {
      arguments.addAll(List.of("groovy.ui.GroovyMain", "-e",
          "println((1..10).collect { it * it }.sum())"));
    }
    return arguments;
  }

  /**
   * Runs the program once in profile mode with {@code ready=exit} and returns the config that
   * {@code profile.suggest} wrote: what a user gets from one run without {@code advise}.
   */
  private String suggestedConfig(Path agentJar, List<String> programArguments)
      throws IOException, InterruptedException {
    Path config = scratch().resolve("suggested.properties");
    List<String> profileRun = new ArrayList<>(command.subList(0, 2)); // java -Xshare:auto
    profileRun.add("-javaagent:" + agentJar.toAbsolutePath() + "=profile,ready="
        + (program.equals("spring") ? "log:" + STARTED : "exit")
        + ",profile.suggest=" + config);
    profileRun.addAll(programArguments);
    if (program.equals("spring")) {
      ChildJvm shop = new ChildJvm(profileRun);
      shop.awaitLineContaining(STARTED);
      shop.stop();
    } else {
      run(profileRun);
    }
    if (!Files.isRegularFile(config)) {
      throw new IllegalStateException("profile.suggest wrote no " + config + ": " + profileRun);
    }
    return config.toString();
  }

  private Path scratch() throws IOException {
    if (scratch == null) {
      scratch = Files.createTempDirectory("initcall4j-bench");
    }
    return scratch;
  }

  @TearDown(Level.Trial)
  public void deleteScratch() throws IOException {
    if (scratch != null) {
      ChildJvm.deleteTree(scratch);
      scratch = null;
    }
  }

  /**
   * A config whose one initcall is a deferred entry point of a class the run never loads: the
   * program gets the agent's whole machinery (graph, runtime, control plane) and nothing is
   * rewritten, so {@code config} against {@code config-lean} is what the control plane costs.
   */
  private String untouchedEntryPoint() {
    String target = program.equals("h2") ? "org.h2.tools.Console#main(java.lang.String[])"
        : program.equals("groovy")
            ? "org.codehaus.groovy.tools.FileSystemCompiler#main(java.lang.String[])"
        : program.equals("spring")
            ? "org.springframework.boot.loader.launch.PropertiesLauncher#main(java.lang.String[])"
        : "clojure.lang.Repl#main(java.lang.String[])";
    try {
      Path config = Files.createTempFile("initcall4j-bench", ".properties");
      config.toFile().deleteOnExit();
      Files.writeString(config, "initcall.console.method = " + target + "\n"
          + "initcall.console.deferred = true\n");
      return config.toAbsolutePath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The child JVM's CPU time, summed over the iteration (one run in single-shot mode). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class ChildCpu {
    public double childCpuMs;
  }

  @Benchmark
  public int run(ChildCpu cpu) throws IOException, InterruptedException {
    if (program.equals("spring")) {
      shop = new ChildJvm(command);
      String started = shop.awaitLineContaining(STARTED);
      cpu.childCpuMs += shop.cpuMillis();
      return started.length();
    }
    long before = ChildJvm.childrenCpuTicks();
    int status = run(command);
    cpu.childCpuMs += (ChildJvm.childrenCpuTicks() - before) * 10.0;
    return status;
  }

  /** The web application runs on after its line: stopped here, outside the measured time. */
  @TearDown(Level.Invocation)
  public void stopShop() throws InterruptedException {
    if (shop != null) {
      shop.stop();
      shop = null;
    }
  }

  private static int run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    int status = process.waitFor();
    if (status != 0) {
      throw new IllegalStateException("exit status " + status + ": " + command);
    }
    return status;
  }
}
