package org.initcall4j.agent.graph;

import java.util.Arrays;
import java.util.List;

/**
 * Spells out what is wrong with the edges, only once a check has found something: edges that
 * contradict levels or deferral, and a cycle. Problems come per initcall in id order, and per
 * initcall in the order its edges were declared, so a report reads the same from run to run.
 */
final class EdgeProblems {
  private final Nodes nodes;
  private final Edges edges;
  /** The edges into each initcall, in declaration order. */
  private final Groups in;

  EdgeProblems(Nodes nodes, Edges edges) {
    this.nodes = nodes;
    this.edges = edges;
    this.in = Groups.of(edges.to, null, edges.count, nodes.count);
  }

  /** Reports every edge whose prerequisite runs at a later level, or is deferred at boot. */
  void reportLevelsAndDeferral(List<GraphProblem> problems) {
    for (int id = 0; id < nodes.count; id++) {
      String level = nodes.specs[id].level().lowerName();
      for (int i = in.start[id]; i < in.start[id + 1]; i++) {
        int e = in.values[i];
        int prerequisite = edges.from[e];
        String neededLevel = nodes.specs[prerequisite].level().lowerName();
        if (nodes.levels[prerequisite] > nodes.levels[id]) {
          problems.add(new GraphProblem(nodes.subject(id), nodes.describe(id) + " (level "
              + level + ") must wait for " + nodes.describe(prerequisite) + " (level "
              + neededLevel + "), but level " + level + " runs first: " + edges.why(e)
              + "; move " + movable(id) + " to level " + neededLevel + " or later, or "
              + movable(prerequisite) + " earlier"));
        }
        if (nodes.deferred[prerequisite] && !nodes.deferred[id]) {
          problems.add(new GraphProblem(nodes.subject(id), nodes.describe(id)
              + " runs at boot but must wait for " + nodes.describe(prerequisite)
              + ", which is deferred: " + edges.why(e) + "; defer " + movable(id)
              + " too, or do not defer " + movable(prerequisite)));
        }
      }
    }
  }

  /** What to change: an initcall, or a group's parts (a group's level and deferral are theirs). */
  private String movable(int id) {
    return nodes.isGroup(id) ? "the parts of group '" + nodes.names[id] + "'"
        : "'" + nodes.names[id] + "'";
  }

  /**
   * Reports one cycle among the initcalls left unsorted ({@code unsorted[id]}). Each of them
   * waits for at least one other unsorted one, so following those waits from any of them must
   * come back to one already seen: that loop is a cycle.
   */
  void reportCycle(boolean[] unsorted, List<GraphProblem> problems) {
    int start = 0;
    while (!unsorted[start]) {
      start++;
    }
    int[] via = new int[nodes.count]; // edge taken out of each node on the path, -1 if none yet
    Arrays.fill(via, -1);
    int at = start;
    while (via[at] < 0) {
      int next = -1;
      for (int i = in.start[at]; i < in.start[at + 1] && next < 0; i++) {
        if (unsorted[edges.from[in.values[i]]]) {
          next = in.values[i];
        }
      }
      via[at] = next;
      at = edges.from[next];
    }
    // the path from start runs into the cycle at 'at'; the cycle is the rest of the way round
    StringBuilder names = new StringBuilder();
    StringBuilder reasons = new StringBuilder();
    int node = at;
    do {
      int e = via[node];
      names.append(nodes.names[node]).append(" -> ");
      reasons.append("\n").append(nodes.names[node]).append(" waits for ")
          .append(nodes.names[edges.from[e]]).append(": ").append(edges.why(e));
      node = edges.from[e];
    } while (node != at);
    names.append(nodes.names[at]);
    problems.add(new GraphProblem(nodes.subject(at), "dependency cycle: " + names
        + " (each waits for the next)" + reasons + "\nremove one of these dependencies"));
  }
}
