package org.initcall4j.agent.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way tests wait for what another thread or JVM does: a value observed again and again
 * until it satisfies a condition, or a deadline, which fails with what was awaited and the last
 * value observed. A wait never ends silently.
 *
 * <pre>
 * String view = Await.value("the view to list usb", () -&gt; Files.readString(file))
 *     .ignoring(IOException.class).describing(app::describe).until(v -&gt; v.contains("usb"));
 * </pre>
 *
 * <p>Free of JUnit, so a test app can compile it in too (see {@link TestApps}).
 *
 * @param <T> what is observed
 */
public final class Await<T> {
  /** The default deadline: long enough for a loaded machine, short enough to fail in time. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 10;

  /** Observes the value once; may throw, which fails the wait unless the type is ignored. */
  @FunctionalInterface
  public interface Probe<T> {
    T observe() throws Exception;
  }

  private final String what;
  private final Probe<T> probe;
  private final List<Class<? extends Exception>> ignored = new ArrayList<>();
  private Duration timeout = DEFAULT_TIMEOUT;
  private Supplier<String> context = () -> "";
  private BooleanSupplier ended;
  private String endedWhy;

  private Await(String what, Probe<T> probe) {
    this.what = what;
    this.probe = probe;
  }

  /** Awaits a value; {@code what} says what is awaited, for the failure message. */
  public static <T> Await<T> value(String what, Probe<T> probe) {
    return new Await<>(what, probe);
  }

  /** Waits until the condition holds, for the default time. */
  public static void until(String what, Probe<Boolean> condition) throws InterruptedException {
    value(what, condition).until(Boolean.TRUE::equals);
  }

  /** Waits for each thread to end, for the default time in all. */
  public static void ended(Thread... threads) throws InterruptedException {
    ended(DEFAULT_TIMEOUT, threads);
  }

  /**
   * Waits for each thread to end, for that long in all.
   *
   * @throws AssertionError naming the thread that did not end, with its stack
   */
  public static void ended(Duration within, Thread... threads) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    for (Thread thread : threads) {
      thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (thread.isAlive()) {
        throw new AssertionError("waited " + seconds(within) + " for thread '"
            + thread.getName() + "' to end; it is " + thread.getState() + " at\n"
            + String.join("\n", Arrays.stream(thread.getStackTrace())
                .map(frame -> "\tat " + frame).toList()));
      }
    }
  }

  public Await<T> within(Duration deadline) {
    this.timeout = deadline;
    return this;
  }

  /** Text added to the failure message, read when the wait fails (e.g. a JVM's output). */
  public Await<T> describing(Supplier<String> more) {
    this.context = more;
    return this;
  }

  /** A probe that throws this is not done yet (e.g. a file replaced while it was read). */
  public Await<T> ignoring(Class<? extends Exception> type) {
    ignored.add(type);
    return this;
  }

  /**
   * Fails at once, without waiting for the deadline, once this holds and a last observation
   * (made after it held) is still not done: e.g. the JVM that was to print the line has ended.
   */
  public Await<T> unlessEnded(BooleanSupplier hasEnded, String why) {
    this.ended = hasEnded;
    this.endedWhy = why;
    return this;
  }

  /**
   * Observes until the value satisfies {@code done} and returns that value.
   *
   * @throws AssertionError at the deadline, or when it can no longer come, with the last value
   */
  public T until(Predicate<? super T> done) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "nothing yet";
    while (true) {
      boolean over = ended != null && ended.getAsBoolean();
      try {
        T value = probe.observe();
        if (done.test(value)) {
          return value;
        }
        last = show(value);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        if (ignored.stream().noneMatch(type -> type.isInstance(e))) {
          throw new AssertionError("while waiting for " + what + ": " + e + context(), e);
        }
        last = e.toString();
      }
      if (over) {
        throw new AssertionError(what + " will not come: " + endedWhy + "; last seen: " + last
            + context());
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + seconds(timeout) + " for " + what
            + "; last seen: " + last + context());
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private String context() {
    String more = context.get();
    return more.isEmpty() ? "" : "\n" + more;
  }

  private static String show(Object value) {
    String text = String.valueOf(value);
    return text.contains("\n") ? "\n" + text : text;
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }
}
