package org.initcall4j.agent.runtime;

/**
 * When a flush that ran something happened, for the boot report's trace. Flushes that ran
 * nothing are only counted ({@link InitcallRuntime#emptyFlushes}): an application may flush in a
 * loop, and each initcall runs once, so the marks kept are at most one per deferred initcall.
 *
 * @param what {@code all}, or the name of the initcall asked for
 * @param thread the name of the thread that flushed
 * @param threadId its id
 * @param startNanos since the runtime was created
 * @param durationNanos how long the flush took
 * @param ran how many initcalls it ran or skipped
 */
public record FlushMark(String what, String thread, long threadId, long startNanos,
    long durationNanos, int ran) {}
