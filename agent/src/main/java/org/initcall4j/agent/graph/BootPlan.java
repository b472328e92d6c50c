package org.initcall4j.agent.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * The checked, ordered initcalls: position {@code i} runs before {@code i + 1} in sequential boot,
 * and every prerequisite of an initcall has a smaller position. Groups are not in the order (they
 * run nothing); {@link #groups()} names them and their parts. Held in the graph's int arrays,
 * indexed by the id {@link InitcallGraph} gave each name.
 */
public final class BootPlan {
  private final List<InitcallSpec> order;
  private final NameIndex ids;
  private final int[] positionOf;
  private final int[] idAt;
  /** Prerequisites of id {@code i}: {@code needs[needsStart[i]..needsEnd[i])}, ascending. */
  private final int[] needsStart;
  private final int[] needsEnd;
  private final int[] needs;
  private final List<InitcallGroup> groups;

  BootPlan(InitcallSpec[] order, NameIndex ids, int[] positionOf, int[] idAt, int[] needsStart,
      int[] needsEnd, int[] needs, List<InitcallGroup> groups) {
    this.groups = List.copyOf(groups);
    this.order = Collections.unmodifiableList(Arrays.asList(order));
    this.ids = ids;
    this.positionOf = positionOf;
    this.idAt = idAt;
    this.needsStart = needsStart;
    this.needsEnd = needsEnd;
    this.needs = needs;
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
    int id = idAt[position];
    return Arrays.copyOfRange(needs, needsStart[id], needsEnd[id]);
  }

  /** Position of the named initcall, or -1 (also for a group's name). */
  public int positionOf(String name) {
    int id = ids.find(name);
    return id < 0 ? -1 : positionOf[id];
  }

  /** The groups (names in partOf that no initcall has), in the order they are first named. */
  public List<InitcallGroup> groups() {
    return groups;
  }

  /** The named group, or null. */
  public InitcallGroup group(String name) {
    for (InitcallGroup group : groups) {
      if (group.name().equals(name)) {
        return group;
      }
    }
    return null;
  }
}
