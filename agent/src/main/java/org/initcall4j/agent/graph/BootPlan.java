package org.initcall4j.agent.graph;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * The checked, ordered initcalls: position {@code i} runs before {@code i + 1} in sequential boot,
 * and every prerequisite of an initcall has a smaller position.
 */
public final class BootPlan {
  private final List<InitcallSpec> order;
  private final int[][] prerequisites;
  private final Map<String, Integer> positions;

  BootPlan(List<InitcallSpec> order, int[][] prerequisites) {
    this.order = Collections.unmodifiableList(order);
    this.prerequisites = prerequisites;
    this.positions = new HashMap<>(order.size() * 2);
    for (int i = 0; i < order.size(); i++) {
      positions.put(order.get(i).name(), i);
    }
  }

  /** Initcalls in boot order. */
  public List<InitcallSpec> order() {
    return order;
  }

  public int size() {
    return order.size();
  }

  /** Positions of what the initcall at {@code position} needs done first, in ascending order. */
  public int[] prerequisites(int position) {
    return prerequisites[position].clone();
  }

  /** Position of the named initcall, or -1. */
  public int positionOf(String name) {
    Integer position = positions.get(name);
    return position == null ? -1 : position;
  }
}
