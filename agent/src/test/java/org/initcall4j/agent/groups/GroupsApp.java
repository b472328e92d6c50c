package org.initcall4j.agent.groups;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.RunningJvm;
import org.initcall4j.agent.testing.TestApps;

/** The long-running {@code groups} test app: started under the agent, driven through stdin. */
final class GroupsApp {
  private GroupsApp() {}

  /** The app under the agent with these options, its temp dir (and so its default) in tmp. */
  static ForkedJvm jvm(String options, Path tmp) {
    return ForkedJvm.of(Jdks.home("current")).agent(options)
        .jvmArg("-Djava.io.tmpdir=" + tmp)
        .classPath(TestApps.jar("groups")).classPath(ForkedJvm.apiClasses())
        .main("groups.Main");
  }

  /** Starts it and waits until main runs. */
  static RunningJvm start(String options, Path tmp) throws Exception {
    RunningJvm app = jvm(options, tmp).start();
    app.awaitStdout("app up", 20_000);
    return app;
  }

  /** Sends one line to the app's stdin. */
  static void send(RunningJvm app, String line) throws IOException {
    OutputStream in = app.process().getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /**
   * Sends a command and returns the first line it prints that starts with {@code answer},
   * waiting for it.
   */
  static String ask(RunningJvm app, String command, String answer) throws Exception {
    int before = app.stdout().split("\n" + answer, -1).length;
    send(app, command);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (app.stdout().split("\n" + answer, -1).length == before) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no answer '" + answer + "' to '" + command + "'\n"
            + app.describe());
      }
      Thread.sleep(10);
    }
    String out = app.stdout();
    String last = out.substring(out.lastIndexOf("\n" + answer) + 1);
    return last.substring(0, last.indexOf('\n'));
  }

  /** The run counts, e.g. {@code {storage=1, usb=1}}. */
  static String counts(RunningJvm app) throws Exception {
    return ask(app, "counts", "counts ").substring("counts ".length());
  }
}
