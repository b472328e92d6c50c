package org.initcall4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code static void} method without parameters as an initcall, the JVM's
 * {@code module_init}. The initcall4j annotation processor records it in the jar's index at compile
 * time; the initcall4j agent runs it before the application's {@code main}, or parks it when it is
 * {@link #deferred()}.
 *
 * <pre>{@code
 * @Initcall(name = "usb", level = Level.DEVICE, after = "storage", deferred = true)
 * static void init() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Initcall {

  /** Unique name other initcalls use to refer to this one. */
  String name();

  /** Boot phase; {@link Level#DEVICE} like {@code module_init}. */
  Level level() default Level.DEVICE;

  /**
   * Names of initcalls (or groups) that must be done before this one runs ({@code init_after}).
   */
  String[] after() default {};

  /**
   * Names of initcalls (or groups) that must not run before this one is done
   * ({@code init_before}).
   */
  String[] before() default {};

  /**
   * Name of the subsystem this initcall is part of ({@code init_as_part_of}): it runs after the
   * subsystem's own initcall, and the subsystem counts as done only when all of its parts are.
   * A name that no initcall has is a group: it has nothing to run, starts when what comes before
   * it is done, and is done when all of its parts are.
   */
  String partOf() default "";

  /** Park this initcall at boot; it runs when deferred initcalls are flushed, or on demand. */
  boolean deferred() default false;

  /** May run on a pool thread, in parallel with initcalls it does not depend on. */
  boolean async() default false;

  /**
   * Must run on the thread that boots (or flushes), never on a pool thread, even when the agent
   * runs every initcall asynchronously: for code bound to that thread. Contradicts {@link #async()}.
   */
  boolean mainThread() default false;
}
