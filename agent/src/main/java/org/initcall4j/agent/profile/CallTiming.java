package org.initcall4j.agent.profile;

/**
 * The first call of one counted method, and how often it was called.
 *
 * @param className the method's class, dotted
 * @param methodName the method ({@code void}, no parameters)
 * @param calls how often it was called by the time of the snapshot (exactly, up to 2; at least
 *     that, beyond: only once or more than once matters)
 * @param thread the name of the thread that made the first call
 * @param startNanos {@link System#nanoTime()} when the first call started
 * @param firstCallNanos how long the first call took, everything it called included
 * @param threw whether the first call ended by throwing
 */
public record CallTiming(String className, String methodName, int calls, String thread,
    long startNanos, long firstCallNanos, boolean threw) {}
