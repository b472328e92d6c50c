package org.initcall4j.agent.graph;

import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.model.InitcallSpec;

/** Build-time view of one initcall while the graph is checked and sorted. */
final class Node {
  final InitcallSpec spec;
  final List<Edge> in = new ArrayList<>();
  final List<Edge> out = new ArrayList<>();
  final List<Node> parts = new ArrayList<>();
  Node parent;
  int position = -1;
  int rank;
  int waitingFor;

  Node(InitcallSpec spec) {
    this.spec = spec;
  }

  String name() {
    return spec.name();
  }
}
