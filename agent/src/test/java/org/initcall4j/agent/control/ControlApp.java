package org.initcall4j.agent.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.initcall4j.agent.testing.Await;
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
    return ask(app, "counts", "counts ");
  }

  /**
   * Sends a command and waits for its answer, the next line that starts with {@code answer};
   * returns the rest of that line.
   */
  public static String ask(RunningJvm app, String command, String answer) throws Exception {
    int before = lines(app.stdout(), answer).size();
    send(app, command);
    List<String> answers = Await.value("an answer to '" + command + "'",
        () -> lines(app.stdout(), answer)).describing(app::describe)
        .until(seen -> seen.size() > before);
    return answers.get(before).substring(answer.length());
  }

  private static List<String> lines(String text, String start) {
    // only whole lines: the last one may still be being written
    return text.substring(0, text.lastIndexOf('\n') + 1).lines()
        .filter(line -> line.startsWith(start)).toList();
  }

  /** Writes as a shell's {@code printf ... > file} does: truncate, then write. */
  public static void write(Path file, String text) throws IOException {
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Waits until the file exists and its content satisfies the check; returns the content. */
  public static String awaitFile(Path file, Predicate<String> check, RunningJvm app)
      throws Exception {
    return app.awaitFile(file, check, 10_000);
  }

  /** Asks the JVM to exit and waits for it to end; returns all it printed. */
  public static ForkedJvm.Result exit(RunningJvm app) throws Exception {
    send(app, "exit");
    return app.awaitExit(20);
  }
}
