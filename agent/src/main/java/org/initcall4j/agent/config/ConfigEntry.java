package org.initcall4j.agent.config;

import java.util.List;
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
 * @param replayByReference the entry declares that its parked calls keep their arguments as
 *     passed, arrays too ({@code .replayByReference=true}); their types are then not checked
 * @param serializable the target class is Serializable, as its class files tell (set by the
 *     check, when the rewrite may change its default serialVersionUID, which it then keeps)
 * @param sharedStaticFields for a deferred class, the static fields other classes can read or
 *     write directly (set by the check): their accesses are guarded; empty for none
 */
public record ConfigEntry(InitcallSpec spec, MemberRef target, String file, int targetLine,
    String targetKey, int deferredLine, boolean replayByReference, boolean serializable,
    List<String> sharedStaticFields) {

  /** An entry as read, before its target's class files are checked. */
  public ConfigEntry(InitcallSpec spec, MemberRef target, String file, int targetLine,
      String targetKey, int deferredLine) {
    this(spec, target, file, targetLine, targetKey, deferredLine, false, false, List.of());
  }

  ConfigEntry asSerializable() {
    return new ConfigEntry(spec, target, file, targetLine, targetKey, deferredLine,
        replayByReference, true, sharedStaticFields);
  }

  ConfigEntry sharing(List<String> staticFields) {
    return new ConfigEntry(spec, target, file, targetLine, targetKey, deferredLine,
        replayByReference, serializable, List.copyOf(staticFields));
  }

  ConfigProblem problemAtTarget(String message) {
    return new ConfigProblem(file, targetLine, targetKey, spec.name(), message);
  }

  ConfigProblem problemAtDeferral(String message) {
    return new ConfigProblem(file, deferredLine, "initcall." + spec.name() + ".deferred",
        spec.name(), message);
  }
}
