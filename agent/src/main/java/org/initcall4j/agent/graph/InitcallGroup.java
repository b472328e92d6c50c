package org.initcall4j.agent.graph;

import java.util.Arrays;
import org.initcall4j.agent.model.InitLevel;

/**
 * A group of a boot plan: a name in {@code partOf} that no initcall has. Nothing runs for it; it
 * is done when all its parts are.
 *
 * @param name the group's name
 * @param level its earliest part's level, where it orders among the levels
 * @param parts the plan positions of its parts at any depth (parts of parts too), ascending
 * @param origin which initcall first named it, and where that was declared
 */
public record InitcallGroup(String name, InitLevel level, int[] parts, String origin) {

  public InitcallGroup {
    parts = parts.clone();
  }

  /** The positions of its parts, ascending; a copy. */
  @Override
  public int[] parts() {
    return parts.clone();
  }

  /** Whether the initcall at {@code position} is one of its parts, at any depth. */
  public boolean contains(int position) {
    return Arrays.binarySearch(parts, position) >= 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InitcallGroup group && name.equals(group.name)
        && level == group.level && Arrays.equals(parts, group.parts)
        && origin.equals(group.origin);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(parts);
  }

  @Override
  public String toString() {
    return "group " + name + " " + Arrays.toString(parts);
  }
}
