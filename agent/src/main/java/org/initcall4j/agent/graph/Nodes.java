package org.initcall4j.agent.graph;

import java.util.Arrays;
import java.util.List;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.text.EditDistance;

/**
 * The initcalls of a graph as parallel arrays indexed by id: ids follow the first declaration of
 * each name, a later declaration of the same name is reported and left out. Subsystems
 * ({@code partOf}) are kept as a parent per id and each subsystem's parts in id order.
 */
final class Nodes {
  final int count;
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

  private Nodes(int count, InitcallSpec[] specs, String[] names, NameIndex index) {
    this.count = count;
    this.specs = specs;
    this.names = names;
    this.index = index;
    levels = new byte[count];
    deferred = new boolean[count];
    for (int id = 0; id < count; id++) {
      levels[id] = (byte) specs[id].level().ordinal();
      deferred[id] = specs[id].deferred();
    }
  }

  /** The initcalls of {@code specs}, their names interned; duplicates and bad partOf reported. */
  static Nodes of(List<InitcallSpec> specs, List<GraphProblem> problems) {
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
    Nodes nodes = new Nodes(count, byId, names, index);
    nodes.linkParts(problems);
    return nodes;
  }

  private void linkParts(List<GraphProblem> problems) {
    for (int id = 0; id < count; id++) {
      String parentName = specs[id].partOf();
      if (parentName == null) {
        continue;
      }
      int subsystem = index.find(parentName);
      if (subsystem < 0) {
        problems.add(unknown(id, "is part of", parentName));
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

  /** A problem for a name that is neither an initcall nor declared elsewhere. */
  GraphProblem unknown(int from, String relation, String name) {
    String hint = EditDistance.closest(name, Arrays.asList(names).subList(0, count));
    return new GraphProblem(names[from], "'" + names[from] + "' " + relation + " '" + name
        + "', which is not an initcall (declared at " + specs[from].origin() + ")"
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
