package org.initcall4j.agent.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the calls of the methods that could be deferred entry points (option
 * {@code profile.calls}: {@code void}, no parameters, see {@link CallCounting}) and times the
 * first call of each: every such method calls {@link #enter} first, {@link #exit} before each
 * {@code return}, and {@link #exitFailed} from a handler around its code. Each method has an id,
 * given when its class is transformed.
 *
 * <p>Only whether a method was called once or more than once matters, so the first two calls
 * of a method are counted under a lock (exactly), and later ones with a plain increment that a
 * race may lose (the count stays above 2). A call past the second costs an array read, a thread
 * comparison and an increment at entry, and an array read and a comparison at return. Records
 * are made only when read ({@link #snapshot}). Only JDK types, static methods, and nothing that
 * can load an application class.
 */
public final class CallRecorder {
  /** Methods counted at most: beyond, a class's methods are left uncounted. */
  static final int MAX_METHODS = 4096 * CallChunk.SIZE;
  private static final CallChunk[] CHUNKS = new CallChunk[MAX_METHODS / CallChunk.SIZE];
  private static final Object LOCK = new Object();
  private static int registered; // guarded by LOCK
  /** From this long a first call on, its trigger is taken as it ends; set before any call. */
  private static long slowNanos = Long.MAX_VALUE;

  private CallRecorder() {}

  /** A call of method {@code id} starts on this thread. */
  public static void enter(int id) {
    CallChunk chunk = CHUNKS[id >>> CallChunk.SHIFT];
    if (chunk != null) {
      int at = id & (CallChunk.SIZE - 1);
      int count = chunk.counts[at];
      if (count >= 2 && chunk.open[at] != Thread.currentThread()) {
        if (count != Integer.MAX_VALUE) {
          chunk.counts[at] = count + 1; // may lose a racing increment: it stays above 2
        }
        return;
      }
    }
    counted(id);
  }

  /** A call of method {@code id} returns. */
  public static void exit(int id) {
    CallChunk chunk = CHUNKS[id >>> CallChunk.SHIFT];
    if (chunk != null && chunk.open[id & (CallChunk.SIZE - 1)] == Thread.currentThread()) {
      returned(id, false);
    }
  }

  /** A call of method {@code id} throws. */
  public static void exitFailed(int id) {
    CallChunk chunk = CHUNKS[id >>> CallChunk.SHIFT];
    if (chunk != null && chunk.open[id & (CallChunk.SIZE - 1)] == Thread.currentThread()) {
      returned(id, true);
    }
  }

  /** One of the first two calls, or a call inside the first on its own thread. */
  private static void counted(int id) {
    long now = System.nanoTime();
    Thread current = Thread.currentThread();
    synchronized (LOCK) {
      CallChunk chunk = CHUNKS[id >>> CallChunk.SHIFT];
      int at = id & (CallChunk.SIZE - 1);
      int count = chunk.counts[at];
      chunk.counts[at] = count == Integer.MAX_VALUE ? count : count + 1;
      if (count == 0) {
        chunk.open[at] = current;
        chunk.depths[at] = 1;
        chunk.starts[at] = now;
        chunk.threads[at] = current.getName();
      } else if (chunk.open[at] == current) {
        chunk.depths[at]++;
      }
    }
  }

  /** A call on the thread of the first call returns; the first call itself when outermost. */
  private static void returned(int id, boolean threw) {
    long now = System.nanoTime();
    long nanos;
    String owner;
    String name;
    synchronized (LOCK) {
      CallChunk chunk = CHUNKS[id >>> CallChunk.SHIFT];
      int at = id & (CallChunk.SIZE - 1);
      if (--chunk.depths[at] > 0) {
        return;
      }
      chunk.open[at] = null;
      nanos = now - chunk.starts[at];
      chunk.firstNanos[at] = nanos;
      chunk.threw[at] = threw;
      chunk.ended[at] = true;
      owner = chunk.owners[at];
      name = chunk.names[at];
    }
    if (nanos >= slowNanos) {
      Triggers.takeForCall(owner, name); // its caller is still on the stack
    }
  }

  /**
   * Gives method {@code name} of class {@code owner} (internal name) an id.
   *
   * @return the id, or -1 when {@link #MAX_METHODS} are counted already
   */
  static int register(String owner, String name) {
    synchronized (LOCK) {
      if (registered == MAX_METHODS) {
        return -1;
      }
      int id = registered++;
      CallChunk chunk = CHUNKS[id >>> CallChunk.SHIFT];
      if (chunk == null) {
        chunk = new CallChunk();
        CHUNKS[id >>> CallChunk.SHIFT] = chunk;
      }
      chunk.owners[id & (CallChunk.SIZE - 1)] = owner;
      chunk.names[id & (CallChunk.SIZE - 1)] = name;
      return id;
    }
  }

  /** From this time on, a first call's trigger is taken as it ends (a short stack walk). */
  static void takeTriggersFrom(long nanos) {
    slowNanos = nanos;
  }

  /** The methods whose first call has ended and took at least {@code minNanos}. */
  public static List<CallTiming> snapshot(long minNanos) {
    List<CallTiming> timings = new ArrayList<>();
    synchronized (LOCK) {
      for (int id = 0; id < registered; id++) {
        CallChunk chunk = CHUNKS[id >>> CallChunk.SHIFT];
        int at = id & (CallChunk.SIZE - 1);
        if (chunk.ended[at] && chunk.firstNanos[at] >= minNanos) {
          timings.add(new CallTiming(chunk.owners[at].replace('/', '.'), chunk.names[at],
              chunk.counts[at], chunk.threads[at], chunk.starts[at], chunk.firstNanos[at],
              chunk.threw[at]));
        }
      }
    }
    return timings;
  }
}
