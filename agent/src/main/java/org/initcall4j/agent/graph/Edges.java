package org.initcall4j.agent.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * The dependency edges, in the order the declarations make them: edge {@code e} means
 * {@code to[e]} may run only once {@code from[e]} is done. How an edge was declared is kept as a
 * relation byte (and, for an edge that a subsystem's part inherits, the subsystem) and spelt out
 * only when a problem is reported: 100k initcalls must not make 300k messages, or objects, nobody
 * reads.
 */
final class Edges {
  static final byte PART_OF = 0;
  static final byte AFTER = 1;
  static final byte BEFORE = 2;
  private static final String[] RELATION_WORDS = {"is part of", "after", "before"};

  int count;
  int[] from;
  int[] to;
  byte[] relation;
  /** The subsystem whose part {@code from[e]} is, -1 for a direct edge; null while all are. */
  private int[] subsystem;

  private final Nodes nodes;
  /** Scratch for {@link Nodes#partsOf}; made at the first subsystem with parts. */
  private int[] parts;
  private boolean[] seen;

  private Edges(Nodes nodes, int capacity) {
    this.nodes = nodes;
    from = new int[capacity];
    to = new int[capacity];
    relation = new byte[capacity];
  }

  /**
   * The edges of every declaration ({@code partOf}, {@code after}, {@code before}), in node order
   * and within a node in that order; unknown names and self-dependencies reported.
   *
   * @param external names declared elsewhere: a dependency on one of them makes no edge
   */
  static Edges declared(Nodes nodes, Set<String> external, List<GraphProblem> problems) {
    int declarations = 0;
    for (int id = 0; id < nodes.count; id++) {
      InitcallSpec spec = nodes.specs[id];
      declarations += (spec.partOf() != null ? 1 : 0) + spec.after().size()
          + spec.before().size();
    }
    Edges edges = new Edges(nodes, declarations);
    for (int id = 0; id < nodes.count; id++) {
      if (nodes.parent(id) >= 0) {
        edges.add(nodes.parent(id), id, PART_OF, -1);
      }
      List<String> after = nodes.specs[id].after();
      for (int i = 0; i < after.size(); i++) {
        int target = edges.resolve(id, "runs after", after.get(i), external, problems);
        if (target >= 0) {
          edges.waitForCompletion(id, target, id, AFTER, problems);
        }
      }
      List<String> before = nodes.specs[id].before();
      for (int i = 0; i < before.size(); i++) {
        int target = edges.resolve(id, "runs before", before.get(i), external, problems);
        if (target >= 0) {
          edges.waitForCompletion(target, id, id, BEFORE, problems);
        }
      }
    }
    return edges;
  }

  private int resolve(int id, String relationWords, String name, Set<String> external,
      List<GraphProblem> problems) {
    int target = nodes.index.find(name);
    if (target < 0 && !external.contains(name)) {
      problems.add(nodes.unknown(id, relationWords, name));
    }
    return target;
  }

  /** {@code dependent} waits for {@code target} and, unless it is one of them, all its parts. */
  private void waitForCompletion(int dependent, int target, int declaredBy, byte kind,
      List<GraphProblem> problems) {
    if (dependent == target) {
      problems.add(new GraphProblem(nodes.names[dependent], "'" + nodes.names[dependent]
          + "' depends on itself: " + why(declaredBy, kind, nodes.names[target], target, -1)));
      return;
    }
    add(target, dependent, kind, -1);
    if (nodes.hasParts(target) && !nodes.isWithin(dependent, target)) {
      if (parts == null) {
        parts = new int[nodes.count];
        seen = new boolean[nodes.count];
      }
      int found = nodes.partsOf(target, parts, seen);
      for (int i = 0; i < found; i++) {
        if (parts[i] != dependent) {
          add(parts[i], dependent, kind, target);
        }
      }
    }
  }

  private void add(int prerequisite, int dependent, byte kind, int inheritedFrom) {
    if (count == from.length) {
      int capacity = Math.max(8, count * 2);
      from = Arrays.copyOf(from, capacity);
      to = Arrays.copyOf(to, capacity);
      relation = Arrays.copyOf(relation, capacity);
      if (subsystem != null) {
        subsystem = Arrays.copyOf(subsystem, capacity);
      }
    }
    if (inheritedFrom >= 0 && subsystem == null) {
      subsystem = new int[from.length];
      Arrays.fill(subsystem, -1);
    }
    if (subsystem != null) {
      subsystem[count] = inheritedFrom;
    }
    from[count] = prerequisite;
    to[count] = dependent;
    relation[count] = kind;
    count++;
  }

  /** How edge {@code e} was declared, e.g. {@code usb after storage, declared at ...}. */
  String why(int e) {
    int inheritedFrom = subsystem == null ? -1 : subsystem[e];
    // who declared it and the name it gave follow from the relation (see declared)
    int declaredBy;
    int named;
    switch (relation[e]) {
      case PART_OF -> {
        declaredBy = to[e];
        named = from[e];
      }
      case AFTER -> {
        declaredBy = to[e];
        named = inheritedFrom < 0 ? from[e] : inheritedFrom;
      }
      default -> {
        declaredBy = inheritedFrom < 0 ? from[e] : inheritedFrom;
        named = to[e];
      }
    }
    return why(declaredBy, relation[e], nodes.names[named], from[e], inheritedFrom);
  }

  private String why(int declaredBy, byte kind, String named, int prerequisite,
      int inheritedFrom) {
    String declared = nodes.names[declaredBy] + " " + RELATION_WORDS[kind] + " " + named
        + ", declared at " + nodes.specs[declaredBy].origin();
    return inheritedFrom < 0 ? declared : declared + " (" + nodes.names[prerequisite]
        + " is part of " + nodes.names[inheritedFrom] + ")";
  }
}
