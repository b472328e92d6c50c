package org.initcall4j.agent.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.RunningJvm;
import org.initcall4j.agent.testing.TestApps;

/** The long-running {@code control} test app: started under the agent, driven through stdin. */
public final class ControlApp {
  private ControlApp() {}

  /** The app under the agent with these options, its temp dir (and so its default) in tmp. */
  public static ForkedJvm jvm(String jdk, String options, Path tmp) {
    return ForkedJvm.of(Jdks.home(jdk)).agent(options)
        .jvmArg("-Djava.io.tmpdir=" + tmp)
        .classPath(TestApps.jar("control")).classPath(ForkedJvm.apiClasses())
        .main("control.Main");
  }

  /** Starts it and waits until main runs. */
  public static RunningJvm start(String jdk, String options, Path tmp) throws Exception {
    RunningJvm app = jvm(jdk, options, tmp).start();
    app.awaitStdout("app up", 20_000);
    return app;
  }

  /** Sends one line to the app's stdin (flush, require NAME, ready, counts, threads, exit). */
  public static void send(RunningJvm app, String line) throws IOException {
    OutputStream in = app.process().getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Asks for the run counts and returns the printed map, e.g. {@code {gallery=1, storage=1}}. */
  public static String counts(RunningJvm app) throws Exception {
    int before = app.stdout().split("counts ", -1).length;
    send(app, "counts");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (app.stdout().split("counts ", -1).length == before) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no counts printed\n" + app.describe());
      }
      Thread.sleep(10);
    }
    String out = app.stdout();
    String last = out.substring(out.lastIndexOf("counts ") + "counts ".length());
    return last.substring(0, last.indexOf('}') + 1);
  }

  /** Writes as a shell's {@code printf ... > file} does: truncate, then write. */
  public static void write(Path file, String text) throws IOException {
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Waits until the file exists and its content satisfies the check; returns the content. */
  public static String awaitFile(Path file, Predicate<String> check, RunningJvm app)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String content = null;
    while (System.nanoTime() < deadline) {
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        try {
          content = Files.readString(file);
          if (check.test(content)) {
            return content;
          }
        } catch (IOException e) {
          // replaced while read: try again
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("file " + file + " never got the expected content; last: "
        + content + "\n" + app.describe());
  }

  /** Waits for the JVM to end by itself (after "exit"). */
  public static void exit(RunningJvm app) throws Exception {
    send(app, "exit");
    app.awaitExit(20);
  }
}
