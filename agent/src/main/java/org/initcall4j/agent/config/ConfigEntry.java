package org.initcall4j.agent.config;

import org.initcall4j.agent.model.InitcallSpec;

/**
 * One initcall declared in a config file, with where its keys are, for later checks.
 *
 * @param spec the initcall, merged with the index's into one graph
 * @param target the method or class it names
 * @param file the config file
 * @param targetLine line of the {@code .method} or {@code .class} key
 * @param targetKey that key
 * @param deferredLine line of the {@code .deferred} key, or the target line when absent
 * @param replayByReference the entry declares that parked calls may keep arguments of types not
 *     known to be immutable by reference ({@code .replayByReference=true})
 */
public record ConfigEntry(InitcallSpec spec, MemberRef target, String file, int targetLine,
    String targetKey, int deferredLine, boolean replayByReference) {

  /** An entry without {@code replayByReference}. */
  public ConfigEntry(InitcallSpec spec, MemberRef target, String file, int targetLine,
      String targetKey, int deferredLine) {
    this(spec, target, file, targetLine, targetKey, deferredLine, false);
  }

  ConfigProblem problemAtTarget(String message) {
    return new ConfigProblem(file, targetLine, targetKey, spec.name(), message);
  }

  ConfigProblem problemAtDeferral(String message) {
    return new ConfigProblem(file, deferredLine, "initcall." + spec.name() + ".deferred",
        spec.name(), message);
  }
}
