package org.initcall4j.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.initcall4j.benchmarks.startup.ChildJvm;
import org.initcall4j.benchmarks.startup.NoopAgent;

/**
 * One real program started one way, for the start-up benchmarks: H2's shell running a small SQL
 * script, Groovy's command line running a one-line script, Clojure printing 1, or the Spring Boot
 * web shop up to its {@code Started ... in} line; with no agent, a no-op agent, or the agent with
 * the options an {@code agent} name stands for (see {@link ProfileStartupBenchmark#agent}).
 */
final class ProgramRun {
  /** The line a Spring Boot application logs once it has started. */
  static final String STARTED = "Started ShopApplication in ";

  private final String program;
  private final String agent;
  private final Path scratch;
  private final List<String> command;
  private ChildJvm shop;

  /**
   * @param repo the checkout whose corpus and web shop are run
   * @param agentJar the agent jar to run them with
   * @param scratch a directory for the files a run needs (configs, the no-op agent's jar)
   */
  ProgramRun(String program, String agent, Path repo, Path agentJar, Path scratch)
      throws IOException, InterruptedException {
    this.program = program;
    this.agent = agent;
    this.scratch = scratch;
    Path corpus = program.equals("spring") ? repo.resolve("spring-boot-it/target/shop.jar")
        : repo.resolve("benchmarks/target/corpus").resolve(program + ".jar");
    for (Path needed : List.of(agentJar, corpus)) {
      if (!Files.isRegularFile(needed)) {
        throw new IllegalStateException(needed.toAbsolutePath() + " not found: build with"
            + " mvn package (the web application: -pl spring-boot-it -am) and run from the"
            + " repository root (or set -Dinitcall4j.repo)");
      }
    }
    List<String> jvm = List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto");
    List<String> programArguments = programArguments(corpus);
    command = new ArrayList<>(jvm);
    if (agent.equals("noop")) {
      command.add("-javaagent:" + NoopAgent.writeJar(scratch.resolve("noop-agent.jar")));
    } else if (!agent.equals("none")) {
      command.add("-javaagent:" + agentJar.toAbsolutePath() + switch (agent) {
        case "agent" -> "";
        case "profile" -> "=profile";
        case "profile-lean" -> "=profile,jmx=off,control=off";
        case "profile-jmx" -> "=profile,jmx=on";
        case "config" -> "=config=" + untouchedEntryPoint();
        case "config-lean" -> "=jmx=off,control=off,config=" + untouchedEntryPoint();
        case "config-jmx-off" -> "=jmx=off,config=" + untouchedEntryPoint();
        case "config-control-off" -> "=control=off,config=" + untouchedEntryPoint();
        case "config-delay-0" -> "=control.delay=0,config=" + untouchedEntryPoint();
        case "suggested" -> "=config=" + suggestedConfig(jvm, agentJar, programArguments);
        default -> throw new IllegalArgumentException("unknown agent '" + agent + "'");
      });
    }
    command.addAll(programArguments);
  }

  /**
   * Runs the program once: to its end, or for the web shop to its {@code Started} line (then
   * {@link #stop} ends it, outside the measured time).
   *
   * @return the child's CPU time in ms (user + system, 10 ms ticks)
   */
  double run() throws IOException, InterruptedException {
    if (program.equals("spring")) {
      shop = new ChildJvm(command);
      shop.awaitLineContaining(STARTED);
      return shop.cpuMillis();
    }
    long before = ChildJvm.childrenCpuTicks();
    runToExit(command);
    return (ChildJvm.childrenCpuTicks() - before) * 10.0;
  }

  /** Stops the web shop a {@link #run} left running; nothing for a program that ended. */
  void stop() throws InterruptedException {
    if (shop != null) {
      shop.stop();
      shop = null;
    }
  }

  String agent() {
    return agent;
  }

  /** The checkout whose corpus and web shop are run: {@code -Dinitcall4j.repo}, or here. */
  static Path repo() {
    return Paths.get(System.getProperty("initcall4j.repo", "."));
  }

  /** The agent jar of this checkout ({@code "this"}) or of the checkout in directory {@code of}. */
  static Path agentJar(String of) {
    return (of.equals("this") ? repo() : Paths.get(of)).resolve("agent/target/initcall-agent.jar");
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
    } else if (program.equals("groovy")) {
      arguments.addAll(List.of("groovy.ui.GroovyMain", "-e",
          "println((1..10).collect { it * it }.sum())"));
    } else {
      throw new IllegalArgumentException("unknown program '" + program + "'");
    }
    return arguments;
  }

  /**
   * Runs the program once in profile mode with {@code ready=exit} (the shop: its {@code Started}
   * line) and returns the config that {@code profile.suggest} wrote: what a user gets from one run
   * without {@code advise}.
   */
  private String suggestedConfig(List<String> jvm, Path agentJar, List<String> programArguments)
      throws IOException, InterruptedException {
    Path config = scratch.resolve("suggested.properties");
    List<String> profileRun = new ArrayList<>(jvm);
    profileRun.add("-javaagent:" + agentJar.toAbsolutePath() + "=profile,ready="
        + (program.equals("spring") ? "log:" + STARTED : "exit")
        + ",profile.suggest=" + config);
    profileRun.addAll(programArguments);
    if (program.equals("spring")) {
      ChildJvm profiled = new ChildJvm(profileRun);
      profiled.awaitLineContaining(STARTED);
      profiled.stop();
    } else {
      runToExit(profileRun);
    }
    if (!Files.isRegularFile(config)) {
      throw new IllegalStateException("profile.suggest wrote no " + config + ": " + profileRun);
    }
    return config.toString(); // a config that breaks the program fails the first measured run
  }

  /**
   * A config whose one initcall is a deferred entry point of a class the run never loads: the
   * program gets the agent's whole machinery (graph, runtime, control plane) and nothing is
   * rewritten, so {@code config} against {@code config-lean} is what the control plane costs.
   */
  private String untouchedEntryPoint() throws IOException {
    String target = program.equals("h2") ? "org.h2.tools.Console#main(java.lang.String[])"
        : program.equals("groovy")
            ? "org.codehaus.groovy.tools.FileSystemCompiler#main(java.lang.String[])"
        : program.equals("spring")
            ? "org.springframework.boot.loader.launch.PropertiesLauncher#main(java.lang.String[])"
        : "clojure.lang.Repl#main(java.lang.String[])";
    Path config = scratch.resolve("untouched.properties");
    Files.writeString(config, "initcall.console.method = " + target + "\n"
        + "initcall.console.deferred = true\n");
    return config.toAbsolutePath().toString();
  }

  private static void runToExit(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    int status = process.waitFor();
    if (status != 0) {
      throw new IllegalStateException("exit status " + status + ": " + command);
    }
  }
}
