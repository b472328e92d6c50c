package org.initcall4j.agent.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.text.EditDistance;

/**
 * The initcalls of a graph as parallel arrays indexed by id: ids follow the first declaration of
 * each name, a later declaration of the same name is reported and left out. Subsystems
 * ({@code partOf}) are kept as a parent per id and each subsystem's parts in id order.
 *
 * <p>A name in {@code partOf} that no initcall has (and that is not declared elsewhere) is a
 * group: a node of its own, after the initcalls (ids {@code initcalls..count-1}), with nothing to
 * run. Its parts wait for it and whatever waits for it waits for every part, as for a subsystem's
 * own initcall; it takes the earliest level of its parts, and is deferred when they all are.
 */
final class Nodes {
  /** Initcalls and groups. */
  final int count;
  /** Initcalls alone: ids below this are initcalls, the rest groups. */
  final int initcalls;
  final InitcallSpec[] specs;
  final String[] names;
  /** {@code InitLevel} ordinal per id: the checks compare bytes, not enums behind two loads. */
  final byte[] levels;
  final boolean[] deferred;
  final NameIndex index;
  /** Subsystem per id, -1 for none; null when no initcall is part of another (the common case). */
  private int[] parent;
  /** The parts of each subsystem, in id order; null when parent is. */
  private Groups parts;

  private Nodes(int count, int initcalls, InitcallSpec[] specs, String[] names, NameIndex index) {
    this.count = count;
    this.initcalls = initcalls;
    this.specs = specs;
    this.names = names;
    this.index = index;
    levels = new byte[count];
    deferred = new boolean[count];
    for (int id = 0; id < initcalls; id++) {
      levels[id] = (byte) specs[id].level().ordinal();
      deferred[id] = specs[id].deferred();
    }
  }

  /** The initcalls of {@code specs}, their names interned; duplicates and bad partOf reported. */
  static Nodes of(List<InitcallSpec> specs, List<GraphProblem> problems) {
    return of(specs, Set.of(), problems);
  }

  /**
   * The initcalls of {@code specs} and the groups they name; duplicates and bad partOf reported.
   *
   * @param external names declared elsewhere: a part of one of them joins no group
   */
  static Nodes of(List<InitcallSpec> specs, Set<String> external, List<GraphProblem> problems) {
    InitcallSpec[] byId = new InitcallSpec[specs.size()];
    String[] names = new String[specs.size()];
    NameIndex index = new NameIndex(names);
    int count = 0;
    for (int i = 0; i < specs.size(); i++) {
      InitcallSpec spec = specs.get(i);
      names[count] = spec.name();
      int previous = index.add(count);
      if (previous >= 0) {
        problems.add(new GraphProblem(spec.name(), "duplicate initcall name '" + spec.name()
            + "': declared at " + byId[previous].origin() + " and at " + spec.origin()
            + "; rename one of them"));
        continue;
      }
      byId[count++] = spec;
    }
    List<String> groups = groupNames(byId, count, index, external);
    Nodes nodes;
    if (groups.isEmpty()) {
      nodes = new Nodes(count, count, byId, names, index);
    } else {
      int all = count + groups.size();
      InitcallSpec[] withGroups = Arrays.copyOf(byId, all);
      String[] allNames = Arrays.copyOf(names, all);
      for (int g = 0; g < groups.size(); g++) {
        allNames[count + g] = groups.get(g);
      }
      NameIndex allIndex = new NameIndex(allNames);
      for (int id = 0; id < all; id++) {
        allIndex.add(id);
      }
      nodes = new Nodes(all, count, withGroups, allNames, allIndex);
    }
    nodes.linkParts(external, problems);
    if (nodes.count > nodes.initcalls) {
      nodes.describeGroups(problems);
    }
    return nodes;
  }

  /** The names in partOf that no initcall has, each once, in the order they are first named. */
  private static List<String> groupNames(InitcallSpec[] byId, int count, NameIndex index,
      Set<String> external) {
    Set<String> groups = null; // made at the first group: most graphs have none
    for (int id = 0; id < count; id++) {
      String named = byId[id].partOf();
      if (named != null && index.find(named) < 0 && !external.contains(named)) {
        if (groups == null) {
          groups = new LinkedHashSet<>();
        }
        groups.add(named);
      }
    }
    return groups == null ? List.of() : new ArrayList<>(groups);
  }

  private void linkParts(Set<String> external, List<GraphProblem> problems) {
    for (int id = 0; id < initcalls; id++) {
      String parentName = specs[id].partOf();
      if (parentName == null) {
        continue;
      }
      int subsystem = index.find(parentName);
      if (subsystem < 0) {
        continue; // declared elsewhere (external): checked where it is known
      } else if (subsystem == id) {
        problems.add(new GraphProblem(names[id], "'" + names[id]
            + "' is declared part of itself at " + specs[id].origin()
            + "; name its subsystem instead"));
      } else {
        if (parent == null) {
          parent = new int[count];
          Arrays.fill(parent, -1);
        }
        parent[id] = subsystem;
      }
    }
    if (parent != null) {
      parts = Groups.of(parent, null, count, count);
    }
  }

  /**
   * Gives each group its level (its earliest part's), its deferral (when every part is deferred)
   * and a spec that says what it is; reports a group of one part named like an initcall, the
   * mark of a misspelt partOf rather than of a group.
   */
  private void describeGroups(List<GraphProblem> problems) {
    List<String> initcallNames = Arrays.asList(names).subList(0, initcalls);
    for (int group = initcalls; group < count; group++) {
      int first = parts.values[parts.start[group]];
      int partCount = parts.start[group + 1] - parts.start[group];
      byte level = Byte.MAX_VALUE;
      boolean allDeferred = true;
      for (int i = parts.start[group]; i < parts.start[group + 1]; i++) {
        int part = parts.values[i];
        level = (byte) Math.min(level, levels[part]);
        allDeferred &= deferred[part];
      }
      levels[group] = level;
      deferred[group] = allDeferred;
      specs[group] = new InitcallSpec(names[group], InitLevel.values()[level], null, null,
          List.of(), List.of(), null, allDeferred, false, "group '" + names[group]
          + "' (no initcall has that name; '" + names[first] + "' is part of it, declared at "
          + specs[first].origin() + ")");
      String hint = partCount == 1 ? EditDistance.closest(names[group], initcallNames) : null;
      if (hint != null) {
        problems.add(new GraphProblem(names[first], "'" + names[first] + "' is part of '"
            + names[group] + "' (declared at " + specs[first].origin() + "), which no initcall"
            + " is named: that makes '" + names[group] + "' a group of one part, and '" + hint
            + "' is an initcall; did you mean '" + hint + "'? (a group needs a name less like"
            + " an initcall's)"));
      }
    }
  }

  boolean isGroup(int id) {
    return id >= initcalls;
  }

  /**
   * The initcall a problem about {@code id} is reported at: itself, or for a group the first
   * initcall that named it (a group has no declaration of its own to point at).
   */
  String subject(int id) {
    return isGroup(id) ? names[parts.values[parts.start[id]]] : names[id];
  }

  /** {@code 'usb'}, or {@code group 'net'}: how a message names a node. */
  String describe(int id) {
    return (isGroup(id) ? "group '" : "'") + names[id] + "'";
  }

  /** A problem for a name that is neither an initcall, a group nor declared elsewhere. */
  GraphProblem unknown(int from, String relation, String name) {
    String hint = EditDistance.closest(name, Arrays.asList(names).subList(0, count));
    return new GraphProblem(names[from], "'" + names[from] + "' " + relation + " '" + name
        + "', which is not an initcall or a group (declared at " + specs[from].origin() + ")"
        + (hint == null ? "; declare it, or fix the name" : "; did you mean '" + hint + "'?"));
  }

  /** The subsystem of {@code id}, or -1. */
  int parent(int id) {
    return parent == null ? -1 : parent[id];
  }

  boolean hasParts(int id) {
    return parts != null && parts.start[id + 1] > parts.start[id];
  }

  /** True when {@code id} is {@code ancestor} or one of its parts at any depth. */
  boolean isWithin(int id, int ancestor) {
    int steps = 0;
    for (int at = id; at >= 0 && steps <= count; at = parent(at), steps++) {
      if (at == ancestor) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes the parts of {@code subsystem} at any depth into {@code out}, breadth first, each once
   * (safe on part-of cycles, which the sort reports); returns how many. {@code out} holds
   * {@link #count} ids.
   */
  int partsOf(int subsystem, int[] out, boolean[] seen) {
    // out doubles as the queue: the parts found so far are exactly the ones still to expand
    int found = 0;
    seen[subsystem] = true;
    for (int next = -1; next < found; next++) {
      int expanded = next < 0 ? subsystem : out[next];
      for (int i = parts.start[expanded]; i < parts.start[expanded + 1]; i++) {
        int part = parts.values[i];
        if (!seen[part]) {
          seen[part] = true;
          out[found++] = part;
        }
      }
    }
    seen[subsystem] = false;
    for (int i = 0; i < found; i++) {
      seen[out[i]] = false;
    }
    return found;
  }
}
