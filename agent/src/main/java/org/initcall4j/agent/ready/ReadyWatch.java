package org.initcall4j.agent.ready;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Watches for option {@code ready}'s signal and marks the {@link ReadyMoment}; each form costs
 * little and stops once ready is seen. {@code log:} puts a line-matching stream in front of
 * stdout and stderr (and puts the originals back once ready, if they are still in place);
 * {@code port:} polls the listening sockets on a daemon thread without connecting; {@code exit}
 * is a shutdown hook.
 */
public final class ReadyWatch {
  /** How often the port is looked at: the resolution of a ready time by port. */
  static final long PORT_POLL_MILLIS = 5;

  private ReadyWatch() {}

  /**
   * Starts watching for {@code moment}'s signal.
   *
   * @throws IllegalArgumentException when the signal cannot be watched here
   */
  public static void start(ReadyMoment moment) {
    ReadySignal signal = moment.signal();
    switch (signal.kind()) {
      case LOG -> watchLines(moment, signal);
      case PORT -> watchPort(moment, signal.port());
      case EXIT -> Runtime.getRuntime().addShutdownHook(
          new Thread(new MarkAtExit(moment), "initcall4j-ready-exit"));
      default -> throw new IllegalStateException(signal.kind().toString());
    }
  }

  private static void watchLines(ReadyMoment moment, ReadySignal signal) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream watchedOut = new PrintStream(new LineMatchingOutput(out, signal.pattern(),
        charset("stdout"), moment), true, charset("stdout"));
    PrintStream watchedErr = new PrintStream(new LineMatchingOutput(err, signal.pattern(),
        charset("stderr"), moment), true, charset("stderr"));
    System.setOut(watchedOut);
    System.setErr(watchedErr);
    moment.onReady(new Unwrap(out, watchedOut, err, watchedErr));
  }

  /** The encoding the JVM gave the stream: JDK 19+ names it, earlier ones use the default. */
  private static Charset charset(String stream) {
    String name = System.getProperty(stream + ".encoding",
        System.getProperty("sun." + stream + ".encoding"));
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }

  private static void watchPort(ReadyMoment moment, int port) {
    if (!ListeningPorts.available()) {
      throw new IllegalArgumentException("option 'ready=port:" + port + "' reads the"
          + " listening sockets from /proc/net/tcp, which this system does not have; use"
          + " ready=log:REGEX with a line the application prints when it is up");
    }
    Thread poller = new Thread(new PortPoller(moment, port), "initcall4j-ready-port");
    poller.setDaemon(true);
    poller.start();
  }

  /** Puts the original streams back once ready, where nobody replaced them since. */
  private record Unwrap(PrintStream out, PrintStream watchedOut, PrintStream err,
      PrintStream watchedErr) implements Runnable {
    @Override
    public void run() {
      if (System.out == watchedOut) {
        System.setOut(out);
      }
      if (System.err == watchedErr) {
        System.setErr(err);
      }
    }
  }

  private record MarkAtExit(ReadyMoment moment) implements Runnable {
    @Override
    public void run() {
      moment.mark("exit");
    }
  }

  private record PortPoller(ReadyMoment moment, int port) implements Runnable {
    @Override
    public void run() {
      List<Path> mine = List.of(Paths.get("/proc/self/fd"));
      while (!moment.seen()) {
        if (ListeningPorts.listening(port, mine)) {
          moment.mark("port:" + port);
          return;
        }
        try {
          Thread.sleep(PORT_POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
