package org.initcall4j.agent.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What to change in one named class: the hooks of its initcalls, with their ids. */
final class ClassPlan {
  /** Id of the deferred static initializer's hook, or -1. */
  int deferredClass = -1;
  /** Id of the ordering hook for the static initializer, or -1. */
  int orderedClass = -1;
  /**
   * Whether the class is Serializable (the config check walks its supertypes' class files): a
   * rewrite that changes its default serialVersionUID then adds the original as a constant.
   */
  boolean serializable;
  /** Entry hooks by method name + parameter descriptor, e.g. {@code connect(Ljava/lang/String;)}. */
  final Map<String, Integer> entryHooks = new HashMap<>();
  final List<Hook> hooks = new ArrayList<>();

  void add(Hook hook) {
    hooks.add(hook);
  }

  /** The entry hook id of a method, or -1. */
  int entryHook(String name, String descriptor) {
    int close = descriptor.indexOf(')');
    Integer id = entryHooks.get(name + descriptor.substring(0, close + 1));
    return id == null || !descriptor.endsWith(")V") ? -1 : id;
  }

  /** Whether a hook calls the class's own code by reflection (the deferred ones do). */
  boolean reflectsIntoClass() {
    for (Hook hook : hooks) {
      if (hook.reflectsIntoClass()) {
        return true;
      }
    }
    return false;
  }

  /** Whether the transformer has rewritten the class. */
  boolean rewritten() {
    return !hooks.isEmpty() && hooks.get(0).rewritten;
  }

  /** For messages: "initcall a" or "initcalls a, b". */
  String initcallNames() {
    StringBuilder names = new StringBuilder(hooks.size() == 1 ? "initcall " : "initcalls ");
    for (int i = 0; i < hooks.size(); i++) {
      names.append(i == 0 ? "" : ", ").append(hooks.get(i).spec.name());
    }
    return names.toString();
  }

  void markRewritten() {
    for (Hook hook : hooks) {
      hook.rewritten = true;
    }
  }
}
