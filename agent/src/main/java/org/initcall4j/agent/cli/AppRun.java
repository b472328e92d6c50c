package org.initcall4j.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.ready.ListeningPorts;
import org.initcall4j.agent.ready.ReadySignal;

/**
 * One run of the application for the advisor: its command, with the agent (if any) added through
 * {@code JDK_JAVA_OPTIONS}, which the {@code java} launcher reads; both streams read line by line;
 * the time to ready measured from the outside, from just before the process starts (a line seen,
 * the port listening, the process ended); an application that does not end by itself is
 * stopped (SIGTERM, so its shutdown hooks run) a while after ready.
 */
final class AppRun {
  /** The launcher's line saying it read JDK_JAVA_OPTIONS: not the application's output. */
  static final String LAUNCHER_NOTE = "NOTE: Picked up JDK_JAVA_OPTIONS:";
  private static final long PORT_POLL_MILLIS = 5;

  /** When a run that is ready is ended. */
  enum Stop {
    /** {@code --stop-after} after ready, if it has not ended by then. */
    AFTER_DELAY,
    /** Not at all: it ends by itself (as it did in the profile run). */
    AT_END,
    /** At once: only the time to ready is wanted. */
    AT_READY
  }

  /**
   * What a run did.
   *
   * @param readyNanos from start to ready, or -1 when ready was never seen
   * @param stopped whether the advisor ended it (it did not end by itself)
   * @param gaveUpMillis when it was stopped for not being ready in time, after how long; else 0
   */
  record Result(List<String> stdout, List<String> stderr, int exitStatus, long readyNanos,
      boolean stopped, long gaveUpMillis) {
    Result(List<String> stdout, List<String> stderr, int exitStatus, long readyNanos,
        boolean stopped) {
      this(stdout, stderr, exitStatus, readyNanos, stopped, 0);
    }

    boolean readySeen() {
      return readyNanos >= 0;
    }
  }

  /** How a wait for the end or ready ended. */
  private enum Waited { ENDED, READY, GAVE_UP }

  private final AdviseArguments arguments;
  private final Path agentJar;
  private final Object lock = new Object();
  private long startNanos;
  private long readyNanos = -1; // guarded by lock

  private AppRun(AdviseArguments arguments, Path agentJar) {
    this.arguments = arguments;
    this.agentJar = agentJar;
  }

  /**
   * Runs the command once.
   *
   * @param agentOptions the agent's options, or null to run without the agent
   * @throws CliException when it cannot start or runs past the timeout
   */
  static Result run(AdviseArguments arguments, Path agentJar, String agentOptions, Stop stop)
      throws CliException {
    return new AppRun(arguments, agentJar).run(agentOptions, stop, 0);
  }

  /**
   * Runs the command once, giving up on it (stopped, and said so in its result) when it is not
   * ready after {@code readyLimitMillis}: a run whose deferrals keep it from ever being ready.
   */
  static Result run(AdviseArguments arguments, Path agentJar, String agentOptions, Stop stop,
      long readyLimitMillis) throws CliException {
    return new AppRun(arguments, agentJar).run(agentOptions, stop, readyLimitMillis);
  }

  private Result run(String agentOptions, Stop stop, long readyLimitMillis)
      throws CliException {
    ProcessBuilder builder = new ProcessBuilder(arguments.command());
    if (agentOptions != null) {
      Map<String, String> environment = builder.environment();
      String before = environment.get("JDK_JAVA_OPTIONS");
      environment.put("JDK_JAVA_OPTIONS", (before == null || before.isBlank() ? ""
          : before + " ") + javaagent(agentOptions));
    }
    ReadySignal ready = arguments.ready();
    Process process;
    synchronized (lock) {
      startNanos = System.nanoTime();
    }
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot run " + arguments.command() + ": "
          + e.getMessage());
    }
    try {
      process.getOutputStream().close(); // nothing to read on stdin
    } catch (IOException e) {
      // already gone: its end is seen below
    }
    List<String> out = Collections.synchronizedList(new ArrayList<>());
    List<String> err = Collections.synchronizedList(new ArrayList<>());
    Thread outReader = reader(process.getInputStream(), out, "advise-stdout");
    Thread errReader = reader(process.getErrorStream(), err, "advise-stderr");
    Thread poller = null;
    if (ready.kind() == ReadySignal.Kind.PORT) {
      poller = new Thread(() -> pollPort(process, ready.port()), "advise-port");
      poller.setDaemon(true);
      poller.start();
    }
    boolean stopped = false;
    long gaveUp = 0;
    try {
      boolean limited = readyLimitMillis > 0 && readyLimitMillis < arguments.timeoutMillis();
      Waited first = waitForEndOrReady(process, limited ? readyLimitMillis
          : arguments.timeoutMillis(), limited);
      boolean ended = first == Waited.ENDED;
      if (first == Waited.GAVE_UP) {
        gaveUp = readyLimitMillis;
      } else if (!ended && stop == Stop.AT_END) {
        // ready: now the end
        ended = waitForEndOrReady(process, arguments.timeoutMillis(), false) == Waited.ENDED;
      } else if (!ended && stop == Stop.AFTER_DELAY) {
        ended = process.waitFor(arguments.stopAfterMillis(), TimeUnit.MILLISECONDS);
      }
      if (!ended) {
        stop(process);
        stopped = true;
      }
      outReader.join();
      errReader.join();
      if (ready.kind() == ReadySignal.Kind.EXIT && gaveUp == 0) {
        seen(); // the moment it ended, before the streams were drained
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted");
    } finally {
      if (poller != null) {
        poller.interrupt();
      }
    }
    synchronized (lock) {
      return new Result(List.copyOf(out), List.copyOf(err), process.exitValue(), readyNanos,
          stopped, gaveUp);
    }
  }

  /**
   * Waits until the process ends or, for a signal other than exit, until ready was seen (if it
   * was already, only for the end).
   *
   * @param giveUp at the deadline, say so instead of failing the advice (the caller stops it)
   */
  private Waited waitForEndOrReady(Process process, long timeoutMillis, boolean giveUp)
      throws InterruptedException, CliException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    boolean readyBefore;
    synchronized (lock) {
      readyBefore = readyNanos >= 0;
    }
    while (true) {
      if (process.waitFor(5, TimeUnit.MILLISECONDS)) {
        if (arguments.ready().kind() == ReadySignal.Kind.EXIT) {
          seen();
        }
        return Waited.ENDED;
      }
      synchronized (lock) {
        if (!readyBefore && readyNanos >= 0
            && arguments.ready().kind() != ReadySignal.Kind.EXIT) {
          return Waited.READY;
        }
      }
      if (System.nanoTime() > deadline && giveUp) {
        return Waited.GAVE_UP;
      }
      if (System.nanoTime() > deadline) {
        stop(process);
        throw new CliException(CliException.FAILED, "the application ran longer than --timeout "
            + arguments.timeoutMillis() + "ms without " + (arguments.ready().kind()
                == ReadySignal.Kind.EXIT ? "ending" : "being ready (" + arguments.ready() + ")")
            + "; stopped it: " + arguments.command());
      }
    }
  }

  /**
   * SIGTERM to the process and what it started, so shutdown hooks run; then the hard way. The
   * signal goes through its {@link ProcessHandle}: {@link Process#destroy} also closes the pipes,
   * so what the application prints while it shuts down would be lost ("Stream closed").
   */
  private static void stop(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.toHandle().destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
  }

  private void seen() {
    synchronized (lock) {
      if (readyNanos < 0) {
        readyNanos = System.nanoTime() - startNanos;
      }
    }
  }

  private Thread reader(InputStream stream, List<String> lines, String name) {
    Thread thread = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream,
          Charset.defaultCharset()))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (arguments.ready().kind() == ReadySignal.Kind.LOG
              && arguments.ready().pattern().matcher(line).find()) {
            seen();
          }
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("(advise: reading " + name + " failed: " + e + ")");
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private void pollPort(Process process, int port) {
    while (process.isAlive()) {
      List<Path> fds = new ArrayList<>();
      fds.add(Paths.get("/proc", String.valueOf(process.pid()), "fd"));
      process.descendants().forEach(p -> fds.add(Paths.get("/proc", String.valueOf(p.pid()),
          "fd")));
      if (ListeningPorts.listening(port, fds)) {
        seen();
        return;
      }
      try {
        Thread.sleep(PORT_POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * The {@code -javaagent} argument as one JDK_JAVA_OPTIONS word: whitespace in a regular
   * expression is written {@code \x20} (the same for the regex), and a jar path with spaces is
   * quoted.
   */
  private String javaagent(String agentOptions) {
    String argument = "-javaagent:" + agentJar + "=" + agentOptions.replace(" ", "\\x20")
        .replace("\t", "\\t");
    return argument.matches(".*\\s.*") ? "\"" + argument + "\"" : argument;
  }
}
