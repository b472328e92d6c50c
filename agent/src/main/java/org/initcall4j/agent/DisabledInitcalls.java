package org.initcall4j.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.initcall4j.agent.config.DisabledEntry;
import org.initcall4j.agent.config.InitcallConfig;
import org.initcall4j.agent.graph.BootPlan;
import org.initcall4j.agent.graph.InitcallGroup;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.text.EditDistance;

/**
 * The initcalls switched off by name, the kernel's {@code initcall_blacklist}: option
 * {@code disable=a:b} and {@code initcall.<name>.disabled = true} in the config. Each name must be
 * an initcall or a group of the plan (a group stands for all its parts); one that matches nothing
 * stops the JVM, with a hint when one is likely.
 */
public final class DisabledInitcalls {
  /** Initcall name to who disabled it, in plan order of the requests. */
  private final Map<String, String> reasons;

  private DisabledInitcalls(Map<String, String> reasons) {
    this.reasons = reasons;
  }

  /**
   * Resolves the names of the option and the config against the plan.
   *
   * @throws AgentStartupException naming every name that matches nothing, and where it was given
   */
  static DisabledInitcalls resolve(List<String> option, InitcallConfig config, BootPlan plan) {
    List<String> problems = new ArrayList<>();
    Map<String, String> reasons = collect(option, config, plan, problems);
    if (!problems.isEmpty()) {
      throw new AgentStartupException(problems.size() == 1 ? problems.get(0)
          : problems.size() + " names to disable match nothing:\n  - "
          + String.join("\n  - ", problems));
    }
    return new DisabledInitcalls(reasons);
  }

  /**
   * Each name that matches nothing, as the agent says it before it stops: for a check that runs
   * nothing ({@code verify}).
   */
  public static List<String> problems(List<String> option, InitcallConfig config,
      BootPlan plan) {
    List<String> problems = new ArrayList<>();
    collect(option, config, plan, problems);
    return problems;
  }

  private static Map<String, String> collect(List<String> option, InitcallConfig config,
      BootPlan plan, List<String> problems) {
    Map<String, String> reasons = new LinkedHashMap<>();
    for (String name : option) {
      add(name, "option 'disable'", "option 'disable'", plan, reasons, problems);
    }
    if (config != null) {
      for (DisabledEntry entry : config.disabled()) {
        add(entry.name(), entry.key() + " at " + entry.file() + ":" + entry.line(),
            entry.place(), plan, reasons, problems);
      }
    }
    return reasons;
  }

  private static void add(String name, String reason, String place, BootPlan plan,
      Map<String, String> reasons, List<String> problems) {
    int position = plan.positionOf(name);
    InitcallGroup group = position < 0 ? plan.group(name) : null;
    if (position >= 0) {
      reasons.putIfAbsent(name, reason);
    } else if (group != null) {
      for (int part : group.parts()) {
        reasons.putIfAbsent(plan.order().get(part).name(), "group '" + name + "', " + reason);
      }
    } else {
      String hint = EditDistance.closest(name, names(plan));
      problems.add(place + ": no initcall or group named '" + name + "' to disable"
          + (hint == null ? "; check the name (the initcalls table of the control directory"
          + " lists them)" : "; did you mean '" + hint + "'?"));
    }
  }

  private static List<String> names(BootPlan plan) {
    List<String> names = new ArrayList<>(plan.size() + plan.groups().size());
    for (InitcallSpec spec : plan.order()) {
      names.add(spec.name());
    }
    for (InitcallGroup group : plan.groups()) {
      names.add(group.name());
    }
    return names;
  }

  boolean isEmpty() {
    return reasons.isEmpty();
  }

  /** Whether the initcall of that name is disabled (itself, or through its group). */
  boolean contains(String initcall) {
    return reasons.containsKey(initcall);
  }

  /** Marks each disabled before anything runs. */
  void applyTo(InitcallRuntime runtime) {
    for (Map.Entry<String, String> entry : reasons.entrySet()) {
      runtime.disable(entry.getKey(), entry.getValue());
    }
  }
}
