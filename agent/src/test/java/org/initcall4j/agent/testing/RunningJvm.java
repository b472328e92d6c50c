package org.initcall4j.agent.testing;

import java.util.List;
import java.util.concurrent.TimeUnit;

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
    await(out, text, timeoutMillis, "stdout");
  }

  public void awaitStderr(String text, long timeoutMillis) throws InterruptedException {
    await(err, text, timeoutMillis, "stderr");
  }

  private void await(ForkedJvm.StreamDrain drain, String text, long timeoutMillis, String which)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!drain.snapshot().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' on " + which + " within " + timeoutMillis
            + " ms\n" + describe());
      }
      if (!process.isAlive() && !drain.snapshot().contains(text)) {
        Thread.sleep(50);
        if (!drain.snapshot().contains(text)) {
          throw new AssertionError("JVM ended without printing '" + text + "' on " + which + "\n"
              + describe());
        }
      }
      Thread.sleep(10);
    }
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
