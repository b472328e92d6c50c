package org.initcall4j.agent.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real JVM, usually with {@code -javaagent:initcall-agent.jar}, drains both streams and
 * returns what it printed and its exit status.
 */
public final class ForkedJvm {
  private final Path javaHome;
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> classPath = new ArrayList<>();
  private final List<String> modulePath = new ArrayList<>();
  private final List<String> programArgs = new ArrayList<>();
  private final List<String> launcher = new ArrayList<>();
  private String mainClass;
  private Path jar;
  private String mainModule;
  private Path workDir;
  private long timeoutSeconds = 60;

  private ForkedJvm(Path javaHome) {
    this.javaHome = javaHome;
  }

  /** A JVM of the given JDK home. */
  public static ForkedJvm of(Path javaHome) {
    return new ForkedJvm(javaHome);
  }

  /** A JVM of the JDK that runs the tests. */
  public static ForkedJvm current() {
    return of(Paths.get(System.getProperty("java.home")));
  }

  /** The shaded agent jar built by this module (failsafe passes its path). */
  public static Path agentJar() {
    String path = System.getProperty("initcall4j.agent.jar");
    Path jar = path != null ? Paths.get(path) : Paths.get("target", "initcall-agent.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("agent jar not found at " + jar.toAbsolutePath()
          + ": run the forked-JVM tests with mvn verify, after package");
    }
    return jar.toAbsolutePath();
  }

  /** The api classes applications compile against. */
  public static Path apiClasses() {
    String path = System.getProperty("initcall4j.api.classes", "../api/target/classes");
    return Paths.get(path).toAbsolutePath().normalize();
  }

  /** Adds {@code -javaagent:<agent jar>[=options]}; null or empty options means none. */
  public ForkedJvm agent(String options) {
    String suffix = options == null || options.isEmpty() ? "" : "=" + options;
    jvmArgs.add("-javaagent:" + agentJar() + suffix);
    return this;
  }

  public ForkedJvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  public ForkedJvm classPath(Path entry) {
    classPath.add(entry.toString());
    return this;
  }

  public ForkedJvm main(String className, String... args) {
    this.mainClass = className;
    programArgs.addAll(List.of(args));
    return this;
  }

  /** Runs {@code java -jar jar args}, as users start executable jars. */
  public ForkedJvm jar(Path executable, String... args) {
    this.jar = executable;
    programArgs.addAll(List.of(args));
    return this;
  }

  /** Adds a jar or directory to {@code --module-path}. */
  public ForkedJvm modulePath(Path entry) {
    modulePath.add(entry.toString());
    return this;
  }

  /** Runs {@code -m module/class}, the main class of a named module. */
  public ForkedJvm mainModule(String moduleAndClass, String... args) {
    this.mainModule = moduleAndClass;
    programArgs.addAll(List.of(args));
    return this;
  }

  /**
   * Runs {@code java} through this command, which must end by exec'ing its arguments (so the JVM
   * keeps its pid), e.g. {@code sh -c 'mkdir /tmp/x-$$ && exec "$@"' sh}: a test that must
   * prepare something named after the JVM's pid before the JVM starts.
   */
  public ForkedJvm launcher(String... command) {
    launcher.addAll(List.of(command));
    return this;
  }

  public ForkedJvm workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  public ForkedJvm timeoutSeconds(long seconds) {
    this.timeoutSeconds = seconds;
    return this;
  }

  /** The whole command line, for messages. */
  public List<String> command() {
    List<String> command = new ArrayList<>(launcher);
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(jvmArgs);
    if (!classPath.isEmpty()) {
      command.add("-cp");
      command.add(String.join(java.io.File.pathSeparator, classPath));
    }
    if (!modulePath.isEmpty()) {
      command.add("--module-path");
      command.add(String.join(java.io.File.pathSeparator, modulePath));
    }
    if (jar != null) {
      command.add("-jar");
      command.add(jar.toString());
    } else if (mainModule != null) {
      command.add("-m");
      command.add(mainModule);
    } else if (mainClass != null) {
      command.add(mainClass);
    }
    command.addAll(programArgs);
    return command;
  }

  /** Starts the JVM and returns at once; the caller reads its output and stops it. */
  public RunningJvm start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command());
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    return new RunningJvm(builder.start(), command());
  }

  /** Runs the JVM to its end (or the timeout, which fails) and returns what it did. */
  public Result run() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command());
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    Process process = builder.start();
    process.getOutputStream().close();
    StreamDrain out = new StreamDrain(process.getInputStream());
    StreamDrain err = new StreamDrain(process.getErrorStream());
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("JVM did not end within " + timeoutSeconds + " s: " + command()
          + "\nstdout:\n" + out.text() + "\nstderr:\n" + err.text());
    }
    return new Result(process.exitValue(), out.text(), err.text(), command());
  }

  /** What a finished JVM did. */
  public record Result(int exitCode, String stdout, String stderr, List<String> command) {
    /** For assertion messages. */
    public String describe() {
      return "command: " + String.join(" ", command) + "\nexit: " + exitCode + "\nstdout:\n"
          + stdout + "\nstderr:\n" + stderr;
    }

    /** Lines of stdout. */
    public List<String> stdoutLines() {
      return stdout.isEmpty() ? List.of() : List.of(stdout.split("\\R"));
    }

    /** Lines of stderr. */
    public List<String> stderrLines() {
      return stderr.isEmpty() ? List.of() : List.of(stderr.split("\\R"));
    }
  }

  /** Reads a stream to its end on a daemon thread so the child never blocks on a full pipe. */
  static final class StreamDrain {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread thread;

    StreamDrain(InputStream in) {
      thread = new Thread(() -> {
        byte[] buffer = new byte[8192];
        try (in) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            synchronized (bytes) {
              bytes.write(buffer, 0, n);
            }
          }
        } catch (IOException e) {
          // the process ended; keep what was read
        }
      }, "drain");
      thread.setDaemon(true);
      thread.start();
    }

    String text() {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return snapshot();
    }

    String snapshot() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
