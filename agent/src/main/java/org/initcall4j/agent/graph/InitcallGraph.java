package org.initcall4j.agent.graph;

import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Everything is held in int arrays indexed by an id per name (see {@link Nodes},
 * {@link Edges}): at 100k initcalls a graph of objects per node and per edge was 55 MB, copied by
 * every young collection while it lived, and most of the time went to the collector.
 */
public final class InitcallGraph {
  private InitcallGraph() {}

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
    List<GraphProblem> problems = new ArrayList<>(0);
    Nodes nodes = Nodes.of(specs, problems);
    Edges edges = Edges.declared(nodes, external, problems);
    if (contradictsLevelsOrDeferral(nodes, edges)) {
      new EdgeProblems(nodes, edges).reportLevelsAndDeferral(problems);
    }
    failOn(problems);
    return sort(nodes, edges);
  }

  /** The checks a sort alone would not catch, without a word of the message yet. */
  private static boolean contradictsLevelsOrDeferral(Nodes nodes, Edges edges) {
    for (int e = 0; e < edges.count; e++) {
      int prerequisite = edges.from[e];
      int dependent = edges.to[e];
      if (nodes.levels[prerequisite] > nodes.levels[dependent]
          || nodes.deferred[prerequisite] && !nodes.deferred[dependent]) {
        return true;
      }
    }
    return false;
  }

  private static BootPlan sort(Nodes nodes, Edges edges) {
    int count = nodes.count;
    int[] byRank = RankOrder.byLevelThenName(nodes);
    int[] rank = new int[count];
    for (int r = 0; r < count; r++) {
      rank[byRank[r]] = r;
    }
    Groups out = Groups.of(edges.from, edges.to, edges.count, count);
    int[] waiting = new int[count];
    for (int e = 0; e < edges.count; e++) {
      waiting[edges.to[e]]++;
    }
    // the positions of each initcall's prerequisites, grouped by id: room for one per edge into
    // it, filled while sorting; positions are handed out in increasing order, so each list comes
    // out sorted and a repeated edge is a repeat of the list's last entry
    int[] needsStart = new int[count + 1];
    for (int id = 0; id < count; id++) {
      needsStart[id + 1] = needsStart[id] + waiting[id];
    }
    int[] needsEnd = new int[count];
    System.arraycopy(needsStart, 0, needsEnd, 0, count);
    int[] needs = new int[edges.count];

    RankSet ready = new RankSet(count);
    for (int r = 0; r < count; r++) {
      if (waiting[byRank[r]] == 0) {
        ready.add(r);
      }
    }
    InitcallSpec[] order = new InitcallSpec[count];
    int[] idAt = new int[count];
    int[] positionOf = new int[count];
    int sorted = 0;
    while (!ready.isEmpty()) {
      int id = byRank[ready.poll()];
      int position = sorted++;
      order[position] = nodes.specs[id];
      idAt[position] = id;
      positionOf[id] = position;
      for (int i = out.start[id]; i < out.start[id + 1]; i++) {
        int dependent = out.values[i];
        int end = needsEnd[dependent];
        if (end == needsStart[dependent] || needs[end - 1] != position) {
          needs[end] = position;
          needsEnd[dependent] = end + 1;
        }
        if (--waiting[dependent] == 0) {
          ready.add(rank[dependent]);
        }
      }
    }
    if (sorted < count) {
      failOnCycle(nodes, edges, waiting);
    }
    return new BootPlan(order, nodes.index, positionOf, idAt, needsStart, needsEnd, needs);
  }

  /** Every initcall still waiting for something waits, in the end, for itself. */
  private static void failOnCycle(Nodes nodes, Edges edges, int[] waiting) {
    boolean[] unsorted = new boolean[nodes.count];
    for (int id = 0; id < nodes.count; id++) {
      unsorted[id] = waiting[id] > 0;
    }
    List<GraphProblem> problems = new ArrayList<>(1);
    new EdgeProblems(nodes, edges).reportCycle(unsorted, problems);
    failOn(problems);
  }

  private static void failOn(List<GraphProblem> problems) {
    if (!problems.isEmpty()) {
      throw new InitcallGraphException(problems);
    }
  }
}
