package org.initcall4j.agent.profile;

/**
 * One timed static initializer.
 *
 * @param className the class, dotted
 * @param thread the name of the thread that ran it
 * @param threadId the id of that thread
 * @param startNanos {@link System#nanoTime()} when it started
 * @param inclusiveNanos its whole run, nested static initializers included
 * @param exclusiveNanos its run without the static initializers it triggered
 * @param nestedIn the class whose static initializer triggered it, or null at top level
 * @param failed whether it ended by throwing
 */
public record ClinitTiming(String className, String thread, long threadId, long startNanos,
    long inclusiveNanos, long exclusiveNanos, String nestedIn, boolean failed) {}
