package org.initcall4j.agent.model;

import java.util.List;
import java.util.Objects;

/**
 * One declared initcall: what to run and what it depends on, as read from an index or a config
 * file. Immutable.
 *
 * @param name unique name
 * @param level boot phase
 * @param className binary name of the class that declares the entry point
 * @param methodName static no-argument method to call, or null when the unit is the class's static
 *     initializer
 * @param after names that must be done first
 * @param before names that must wait for this one
 * @param partOf subsystem this one is part of, or null
 * @param deferred parked at boot, run at flush or on demand
 * @param async may run on a pool thread
 * @param mainThread must run on the thread that boots or flushes, never on a pool thread
 * @param origin where it was declared, for error messages (e.g. {@code com.acme.Usb.init() in
 *     file:/app.jar})
 */
public record InitcallSpec(
    String name,
    InitLevel level,
    String className,
    String methodName,
    List<String> after,
    List<String> before,
    String partOf,
    boolean deferred,
    boolean async,
    boolean mainThread,
    String origin) {

  public InitcallSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(level, "level");
    after = List.copyOf(after);
    before = List.copyOf(before);
    if (partOf != null && partOf.isEmpty()) {
      partOf = null;
    }
  }

  /** An initcall with no thread constraint (the shape before {@code mainThread} existed). */
  public InitcallSpec(String name, InitLevel level, String className, String methodName,
      List<String> after, List<String> before, String partOf, boolean deferred, boolean async,
      String origin) {
    this(name, level, className, methodName, after, before, partOf, deferred, async, false,
        origin);
  }

  /** True when the unit is a class's static initializer rather than a method. */
  public boolean isClassInit() {
    return methodName == null;
  }

  /** {@code com.acme.Usb.init()} or {@code com.acme.Usb.<clinit>}. */
  public String target() {
    return className + (isClassInit() ? ".<clinit>" : "." + methodName + "()");
  }
}
