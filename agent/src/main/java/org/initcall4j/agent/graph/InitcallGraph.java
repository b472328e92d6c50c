package org.initcall4j.agent.graph;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Groups: a name in {@code partOf} that no initcall has is a group, a node with nothing to
 * run ({@link Nodes}); it is checked and sorted like an initcall (a cycle through it names it)
 * and then left out of the plan, its parts waiting for what it waited for
 * ({@link BootPlan#groups()}).
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
    Nodes nodes = Nodes.of(specs, external, problems);
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
    if (nodes.initcalls < count) {
      return withoutGroups(nodes, order, idAt, positionOf, needsStart, needsEnd, needs);
    }
    return new BootPlan(order, nodes.index, positionOf, idAt, needsStart, needsEnd, needs,
        List.of());
  }

  /**
   * The plan of the initcalls alone: positions renumbered without the groups, and an initcall
   * that waits for a group waits for what the group waits for instead. A group's prerequisites
   * come before it in the order, so each is resolved before anything waits for it.
   */
  private static BootPlan withoutGroups(Nodes nodes, InitcallSpec[] order, int[] idAt,
      int[] positionOf, int[] needsStart, int[] needsEnd, int[] needs) {
    int count = nodes.count;
    int initcalls = nodes.initcalls;
    int[] renumbered = new int[count]; // old position -> new one, -1 for a group
    int[][] groupNeeds = new int[count][]; // by old position, for groups: new positions
    int[][] idNeeds = new int[initcalls][];
    InitcallSpec[] kept = new InitcallSpec[initcalls];
    int[] keptIdAt = new int[initcalls];
    int[] keptPositionOf = new int[count];
    boolean[] seen = new boolean[initcalls];
    int next = 0;
    for (int old = 0; old < count; old++) {
      int id = idAt[old];
      int[] resolved = resolve(needs, needsStart[id], needsEnd[id], renumbered, groupNeeds, seen);
      if (nodes.isGroup(id)) {
        renumbered[old] = -1;
        groupNeeds[old] = resolved;
        keptPositionOf[id] = -1;
      } else {
        renumbered[old] = next;
        kept[next] = order[old];
        keptIdAt[next] = id;
        keptPositionOf[id] = next;
        idNeeds[id] = resolved;
        next++;
      }
    }
    int[] keptStart = new int[initcalls];
    int[] keptEnd = new int[initcalls];
    int total = 0;
    for (int[] list : idNeeds) {
      total += list.length;
    }
    int[] keptNeeds = new int[total];
    int at = 0;
    for (int id = 0; id < initcalls; id++) {
      keptStart[id] = at;
      System.arraycopy(idNeeds[id], 0, keptNeeds, at, idNeeds[id].length);
      at += idNeeds[id].length;
      keptEnd[id] = at;
    }
    List<InitcallGroup> groups = new ArrayList<>(count - initcalls);
    int[] parts = new int[count];
    boolean[] scratch = new boolean[count];
    for (int group = initcalls; group < count; group++) {
      int found = nodes.partsOf(group, parts, scratch);
      int[] positions = new int[found];
      for (int i = 0; i < found; i++) {
        positions[i] = keptPositionOf[parts[i]];
      }
      Arrays.sort(positions);
      groups.add(new InitcallGroup(nodes.names[group],
          nodes.specs[group].level(), positions, nodes.specs[group].origin()));
    }
    return new BootPlan(kept, nodes.index, keptPositionOf, keptIdAt, keptStart, keptEnd,
        keptNeeds, groups);
  }

  /** Old prerequisite positions as new ones, a group's replaced by its own; ascending, once. */
  private static int[] resolve(int[] needs, int from, int to, int[] renumbered,
      int[][] groupNeeds, boolean[] seen) {
    int[] out = new int[8];
    int n = 0;
    for (int i = from; i < to; i++) {
      int old = needs[i];
      int[] add = renumbered[old] >= 0 ? new int[] {renumbered[old]} : groupNeeds[old];
      for (int position : add) {
        if (!seen[position]) {
          seen[position] = true;
          if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
          }
          out[n++] = position;
        }
      }
    }
    int[] result = Arrays.copyOf(out, n);
    for (int position : result) {
      seen[position] = false;
    }
    Arrays.sort(result);
    return result;
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
