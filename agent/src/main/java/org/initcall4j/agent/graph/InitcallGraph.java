package org.initcall4j.agent.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * Checks a set of initcalls and computes their boot order, the JVM's {@code build_initcalls}.
 *
 * <p>Order: a topological sort of the dependency edges in which, among the initcalls whose
 * prerequisites are all done, the one with the earliest level runs first and, within a level, the
 * one whose name sorts first (by {@link String#compareTo}). The result does not depend on the
 * order of jars on the class path. Cost: O(n log n + e) for n initcalls and e edges.
 *
 * <p>Edges: {@code a after b} and {@code b before a} both make a wait for b. When b has parts
 * ({@code partOf = "b"}), waiting for b means waiting for b and all its parts; each part itself
 * waits for b's own initcall.
 */
public final class InitcallGraph {

  /** Level, then name. A plain class, not a lambda: no invokedynamic bootstrap at start-up. */
  private static final class LevelThenName implements Comparator<Node> {
    @Override
    public int compare(Node a, Node b) {
      int byLevel = a.spec.level().compareTo(b.spec.level());
      return byLevel != 0 ? byLevel : a.name().compareTo(b.name());
    }
  }

  /** By the rank {@link LevelThenName} gave: the ready queue compares ints, not names. */
  private static final class ByRank implements Comparator<Node> {
    @Override
    public int compare(Node a, Node b) {
      return Integer.compare(a.rank, b.rank);
    }
  }

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Set<String> external;
  private final List<GraphProblem> problems = new ArrayList<>();

  private InitcallGraph(Set<String> external) {
    this.external = external;
  }

  /** Checks and orders initcalls; every name they refer to must be among them. */
  public static BootPlan plan(List<InitcallSpec> specs) {
    return plan(specs, Set.of());
  }

  /**
   * Checks and orders initcalls.
   *
   * @param external names declared elsewhere (another jar); edges to them are not checked here
   * @throws InitcallGraphException listing every problem found
   */
  public static BootPlan plan(List<InitcallSpec> specs, Set<String> external) {
    InitcallGraph graph = new InitcallGraph(external);
    graph.addNodes(specs);
    graph.linkParts();
    graph.addEdges();
    graph.checkEdges();
    graph.failOnProblems();
    List<Node> order = graph.sort();
    graph.failOnProblems();
    return toPlan(order);
  }

  private void addNodes(List<InitcallSpec> specs) {
    for (InitcallSpec spec : specs) {
      Node previous = nodes.putIfAbsent(spec.name(), new Node(spec));
      if (previous != null) {
        problems.add(new GraphProblem(spec.name(), "duplicate initcall name '" + spec.name()
            + "': declared at " + previous.spec.origin() + " and at " + spec.origin()
            + "; rename one of them"));
      }
    }
  }

  private void linkParts() {
    for (Node node : nodes.values()) {
      String parentName = node.spec.partOf();
      if (parentName == null) {
        continue;
      }
      Node parent = nodes.get(parentName);
      if (parent == null) {
        reportUnknown(node, "is part of", parentName);
      } else if (parent == node) {
        problems.add(new GraphProblem(node.name(), "'" + node.name()
            + "' is declared part of itself at " + node.spec.origin()
            + "; name its subsystem instead"));
      } else {
        node.parent = parent;
        parent.parts.add(node);
      }
    }
  }

  private void addEdges() {
    for (Node node : nodes.values()) {
      if (node.parent != null) {
        link(node.parent, node, node, "is part of", node.parent.name(), null);
      }
      for (String name : node.spec.after()) {
        Node target = resolve(node, "runs after", name);
        if (target != null) {
          waitForCompletion(node, target, node, "after", name);
        }
      }
      for (String name : node.spec.before()) {
        Node target = resolve(node, "runs before", name);
        if (target != null) {
          waitForCompletion(target, node, node, "before", name);
        }
      }
    }
  }

  /** {@code dependent} waits for {@code target} and, unless it is one of them, all its parts. */
  private void waitForCompletion(Node dependent, Node target, Node declaredBy, String relation,
      String named) {
    if (dependent == target) {
      problems.add(new GraphProblem(dependent.name(), "'" + dependent.name()
          + "' depends on itself: " + new Edge(target, dependent, declaredBy, relation, named,
          null).why()));
      return;
    }
    link(target, dependent, declaredBy, relation, named, null);
    if (!isWithin(dependent, target)) {
      for (Node part : partsOf(target)) {
        if (part != dependent) {
          link(part, dependent, declaredBy, relation, named, target);
        }
      }
    }
  }

  private boolean isWithin(Node node, Node ancestor) {
    int steps = 0;
    for (Node at = node; at != null && steps <= nodes.size(); at = at.parent, steps++) {
      if (at == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** All parts of a subsystem, at any depth; safe on part-of cycles (reported by the sort). */
  private static List<Node> partsOf(Node target) {
    if (target.parts.isEmpty()) {
      return List.of(); // the common case: no allocation per edge
    }
    List<Node> all = new ArrayList<>();
    Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(target);
    Deque<Node> todo = new ArrayDeque<>(target.parts);
    while (!todo.isEmpty()) {
      Node part = todo.pop();
      if (seen.add(part)) {
        all.add(part);
        todo.addAll(part.parts);
      }
    }
    return all;
  }

  private static void link(Node prerequisite, Node dependent, Node declaredBy, String relation,
      String named, Node subsystem) {
    Edge edge = new Edge(prerequisite, dependent, declaredBy, relation, named, subsystem);
    prerequisite.out.add(edge);
    dependent.in.add(edge);
  }

  private Node resolve(Node from, String relation, String name) {
    Node target = nodes.get(name);
    if (target == null && !external.contains(name)) {
      reportUnknown(from, relation, name);
    }
    return target;
  }

  private void reportUnknown(Node from, String relation, String name) {
    String hint = EditDistance.closest(name, nodes.keySet());
    problems.add(new GraphProblem(from.name(), "'" + from.name() + "' " + relation + " '" + name
        + "', which is not an initcall (declared at " + from.spec.origin() + ")"
        + (hint == null ? "; declare it, or fix the name" : "; did you mean '" + hint + "'?")));
  }

  /** Checks every edge against levels and deferral, which a sort alone would not catch. */
  private void checkEdges() {
    for (Node node : nodes.values()) {
      for (Edge edge : node.in) {
        Node prerequisite = edge.prerequisite();
        if (prerequisite.spec.level().compareTo(node.spec.level()) > 0) {
          problems.add(new GraphProblem(node.name(), "'" + node.name() + "' (level "
              + node.spec.level().lowerName() + ") must wait for '" + prerequisite.name()
              + "' (level " + prerequisite.spec.level().lowerName() + "), but level "
              + node.spec.level().lowerName() + " runs first: " + edge.why()
              + "; move '" + node.name() + "' to level " + prerequisite.spec.level().lowerName()
              + " or later, or '" + prerequisite.name() + "' earlier"));
        }
        if (prerequisite.spec.deferred() && !node.spec.deferred()) {
          problems.add(new GraphProblem(node.name(), "'" + node.name()
              + "' runs at boot but must wait for '" + prerequisite.name()
              + "', which is deferred: " + edge.why() + "; defer '" + node.name()
              + "' too, or do not defer '" + prerequisite.name() + "'"));
        }
      }
    }
  }

  private List<Node> sort() {
    List<Node> order = new ArrayList<>(nodes.size());
    // names are compared once, in one sort, not again at every step of the queue
    Node[] ranked = nodes.values().toArray(new Node[0]);
    Arrays.sort(ranked, new LevelThenName());
    for (int rank = 0; rank < ranked.length; rank++) {
      ranked[rank].rank = rank;
    }
    PriorityQueue<Node> ready = new PriorityQueue<>(Math.max(1, nodes.size()), new ByRank());
    for (Node node : ranked) {
      node.waitingFor = node.in.size();
      if (node.waitingFor == 0) {
        ready.add(node);
      }
    }
    while (!ready.isEmpty()) {
      Node node = ready.poll();
      node.position = order.size();
      order.add(node);
      for (Edge edge : node.out) {
        if (--edge.dependent().waitingFor == 0) {
          ready.add(edge.dependent());
        }
      }
    }
    if (order.size() < nodes.size()) {
      reportCycle();
    }
    return order;
  }

  /**
   * Every node left unsorted waits for at least one other unsorted node, so following those
   * waits from any of them must come back to a node already seen: that loop is a cycle.
   */
  private void reportCycle() {
    Node start = null;
    for (Node node : nodes.values()) {
      if (node.position < 0) {
        start = node;
        break;
      }
    }
    Map<Node, Edge> via = new IdentityHashMap<>();
    List<Node> path = new ArrayList<>();
    Node at = start;
    while (!via.containsKey(at)) {
      Edge next = null;
      for (Edge edge : at.in) {
        if (edge.prerequisite().position < 0) {
          next = edge;
          break;
        }
      }
      via.put(at, next);
      path.add(at);
      at = next.prerequisite();
    }
    List<Node> cycle = path.subList(path.indexOf(at), path.size());
    StringBuilder names = new StringBuilder();
    StringBuilder reasons = new StringBuilder();
    for (Node node : cycle) {
      names.append(node.name()).append(" -> ");
      reasons.append("\n").append(node.name()).append(" waits for ")
          .append(via.get(node).prerequisite().name()).append(": ").append(via.get(node).why());
    }
    names.append(cycle.get(0).name());
    problems.add(new GraphProblem(cycle.get(0).name(), "dependency cycle: " + names
        + " (each waits for the next)" + reasons + "\nremove one of these dependencies"));
  }

  private void failOnProblems() {
    if (!problems.isEmpty()) {
      throw new InitcallGraphException(problems);
    }
  }

  private static BootPlan toPlan(List<Node> order) {
    List<InitcallSpec> specs = new ArrayList<>(order.size());
    int[][] prerequisites = new int[order.size()][];
    for (Node node : order) {
      specs.add(node.spec);
      prerequisites[node.position] = distinctSortedPositions(node.in);
    }
    return new BootPlan(specs, prerequisites);
  }

  private static int[] distinctSortedPositions(List<Edge> edges) {
    int[] positions = new int[edges.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = edges.get(i).prerequisite().position;
    }
    Arrays.sort(positions);
    int distinct = 0;
    for (int i = 0; i < positions.length; i++) {
      if (i == 0 || positions[i] != positions[i - 1]) {
        positions[distinct++] = positions[i];
      }
    }
    return Arrays.copyOf(positions, distinct);
  }

}
