package org.initcall4j.agent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A forked JVM still running: wait for what it prints, talk to it, stop it. Always close it. */
public final class RunningJvm implements AutoCloseable {
  private final Process process;
  private final List<String> command;
  private final ForkedJvm.StreamDrain out;
  private final ForkedJvm.StreamDrain err;

  RunningJvm(Process process, List<String> command) {
    this.process = process;
    this.command = command;
    this.out = new ForkedJvm.StreamDrain(process.getInputStream());
    this.err = new ForkedJvm.StreamDrain(process.getErrorStream());
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  /** What it has printed to stdout so far. */
  public String stdout() {
    return out.snapshot();
  }

  public String stderr() {
    return err.snapshot();
  }

  /** Waits until stdout contains the text, or fails after the timeout with all output. */
  public void awaitStdout(String text, long timeoutMillis) throws InterruptedException {
    await(out, "stdout", text, 1, timeoutMillis);
  }

  public void awaitStderr(String text, long timeoutMillis) throws InterruptedException {
    await(err, "stderr", text, 1, timeoutMillis);
  }

  /** Waits until stderr contains the text that many times (or more). */
  public void awaitStderr(String text, int times, long timeoutMillis)
      throws InterruptedException {
    await(err, "stderr", text, times, timeoutMillis);
  }

  private void await(ForkedJvm.StreamDrain drain, String which, String text, int times,
      long timeoutMillis) throws InterruptedException {
    Await.value("'" + text + "' on " + which + (times == 1 ? "" : " " + times + " times"),
        // once the JVM has ended, read the stream to its end: nothing more can come
        () -> occurrences(process.isAlive() ? drain.snapshot() : drain.text(), text))
        .within(Duration.ofMillis(timeoutMillis))
        .unlessEnded(() -> !process.isAlive(), "the JVM ended")
        .describing(this::describe)
        .until(seen -> seen >= times);
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  /**
   * Waits until the file exists, is a regular file (a link is not followed) and its content
   * satisfies the check; returns the content.
   */
  public String awaitFile(Path file, Predicate<String> check, long timeoutMillis)
      throws InterruptedException {
    return Await.value("the expected content in " + file, () -> {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchFileException(file.toString(), null, "no regular file (yet)");
      }
      return Files.readString(file);
    })
        .ignoring(IOException.class) // not there yet, or replaced while read: read it again
        .within(Duration.ofMillis(timeoutMillis))
        .unlessEnded(() -> !process.isAlive(), "the JVM ended")
        .describing(this::describe)
        .until(check);
  }

  /** Waits for the JVM to end by itself and returns its result. */
  public ForkedJvm.Result awaitExit(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new AssertionError("JVM did not end within " + timeoutSeconds + " s\n" + describe());
    }
    return new ForkedJvm.Result(process.exitValue(), out.text(), err.text(), command);
  }

  public String describe() {
    return "command: " + String.join(" ", command) + "\nstdout:\n" + stdout() + "\nstderr:\n"
        + stderr();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
