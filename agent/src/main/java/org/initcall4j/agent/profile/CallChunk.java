package org.initcall4j.agent.profile;

/**
 * What {@link CallRecorder} keeps of {@value #SIZE} counted methods, in arrays of primitives. A
 * chunk is made when its first method is registered (at class-file transform, before any of its
 * methods can run) and never moved, so counting needs no copy or lock once a method is past its
 * first two calls.
 */
final class CallChunk {
  static final int SIZE = 1024;
  static final int SHIFT = 10;

  // set at registration
  final String[] owners = new String[SIZE]; // internal names
  final String[] names = new String[SIZE];
  // counted by every call: under CallRecorder's lock up to 2, plainly after (see enter)
  final int[] counts = new int[SIZE];
  // the first call: under CallRecorder's lock
  final Thread[] open = new Thread[SIZE]; // its thread while it runs, then null
  final int[] depths = new int[SIZE]; // its thread's calls of the method running (recursion)
  final long[] starts = new long[SIZE];
  final long[] firstNanos = new long[SIZE];
  final boolean[] ended = new boolean[SIZE];
  final boolean[] threw = new boolean[SIZE];
  final String[] threads = new String[SIZE];
}
