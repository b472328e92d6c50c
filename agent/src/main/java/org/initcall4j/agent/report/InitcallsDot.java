package org.initcall4j.agent.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * The initcall graph in Graphviz's language ({@code initcalls.dot}), as {@code systemd-analyze
 * dot} draws units: a node per initcall and an edge per declaration, from the initcall that
 * declares it to the one it names, labelled by its kind ({@code after}, {@code before},
 * {@code partOf}), and one per group (a name in {@code partOf} that no initcall has, drawn as a
 * folder); and a node per level in use, each initcall linked to its level and each level
 * to the level before it ({@code level}). With the states of a run, a node is coloured by what
 * happened to it. Render it with {@code dot -Tsvg initcalls.dot -o initcalls.svg}.
 */
public final class InitcallsDot {
  /** Edge colours by kind, as systemd-analyze dot colours its own. */
  private static final String AFTER = "green";
  private static final String BEFORE = "blue";
  private static final String PART_OF = "black";
  private static final String LEVEL = "grey";

  private InitcallsDot() {}

  /**
   * The graph.
   *
   * @param specs every initcall with its declarations, in any order
   * @param outcomes each initcall's state (lower case, e.g. {@code done}) by name, or an empty
   *     map for a graph without a run ({@code verify})
   * @param note a comment line for the file's head, or null
   */
  public static String dot(List<InitcallSpec> specs, Map<String, String> outcomes, String note) {
    StringBuilder out = new StringBuilder(256 + 160 * specs.size());
    out.append("// initcall4j: the initcall graph, ").append(specs.size())
        .append(" initcalls. Render: dot -Tsvg initcalls.dot -o initcalls.svg\n")
        .append("// An edge goes from the initcall that declares it to the one it names:\n")
        .append("// after (green), before (blue), partOf (black); level (grey) links each\n")
        .append("// initcall to its level, and each level to the level before it.\n");
    if (note != null) {
      out.append("// ").append(note.replace('\n', ' ')).append('\n');
    }
    out.append("digraph initcalls {\n")
        .append("  rankdir=RL;\n")
        .append("  node [shape=box, style=\"rounded,filled\", fillcolor=white,"
            + " fontname=\"sans-serif\"];\n")
        .append("  edge [fontname=\"sans-serif\", fontsize=10];\n");
    EnumSet<InitLevel> levels = EnumSet.noneOf(InitLevel.class);
    Set<String> names = new HashSet<>();
    for (InitcallSpec spec : specs) {
      levels.add(spec.level());
      names.add(spec.name());
      node(out, spec, outcomes.get(spec.name()));
    }
    // a name in partOf that no initcall has is a group: a node of its own, with nothing to run
    Set<String> groups = new LinkedHashSet<>();
    for (InitcallSpec spec : specs) {
      if (spec.partOf() != null && !names.contains(spec.partOf())) {
        groups.add(spec.partOf());
      }
    }
    for (String group : groups) {
      String outcome = outcomes.get(group);
      out.append("  ");
      id(out, group).append(" [shape=folder, label=");
      id(out, group + "\ngroup" + (outcome == null ? "" : ", " + outcome));
      String fill = fill(outcome);
      if (fill != null) {
        out.append(", fillcolor=").append(fill);
      }
      out.append("];\n");
    }
    List<InitLevel> used = new ArrayList<>(levels);
    for (InitLevel level : used) {
      out.append("  ");
      id(out, levelNode(level)).append(" [shape=cds, style=filled, fillcolor=lightgrey, label=");
      id(out, "level " + level.lowerName()).append("];\n");
    }
    for (int i = 1; i < used.size(); i++) {
      edge(out, levelNode(used.get(i)), levelNode(used.get(i - 1)), "level", LEVEL);
    }
    for (InitcallSpec spec : specs) {
      if (spec.partOf() != null) {
        edge(out, spec.name(), spec.partOf(), "partOf", PART_OF);
      }
      for (String after : spec.after()) {
        edge(out, spec.name(), after, "after", AFTER);
      }
      for (String before : spec.before()) {
        edge(out, spec.name(), before, "before", BEFORE);
      }
      edge(out, spec.name(), levelNode(spec.level()), "level", LEVEL);
    }
    return out.append("}\n").toString();
  }

  private static void node(StringBuilder out, InitcallSpec spec, String outcome) {
    StringBuilder label = new StringBuilder(spec.name()).append('\n').append(spec.target());
    String flags = (spec.deferred() ? ", deferred" : "") + (spec.async() ? ", async" : "")
        + (spec.mainThread() ? ", mainThread" : "") + (outcome == null ? "" : ", " + outcome);
    if (!flags.isEmpty()) {
      label.append('\n').append(flags, 2, flags.length());
    }
    out.append("  ");
    id(out, spec.name()).append(" [label=");
    id(out, label.toString());
    String fill = fill(outcome);
    if (fill != null) {
      out.append(", fillcolor=").append(fill);
    }
    if (spec.deferred()) {
      out.append(", style=\"rounded,filled,dashed\"");
    }
    out.append("];\n");
  }

  /** The fill colour of a run's state, or null for none. */
  private static String fill(String outcome) {
    if (outcome == null) {
      return null;
    }
    return switch (outcome) {
      case "done" -> "palegreen";
      case "failed" -> "salmon";
      case "skipped", "disabled" -> "lightgrey";
      case "running" -> "lightyellow";
      default -> null; // pending or deferred: not run
    };
  }

  private static String levelNode(InitLevel level) {
    return "level:" + level.lowerName();
  }

  private static void edge(StringBuilder out, String from, String to, String kind,
      String colour) {
    out.append("  ");
    id(out, from).append(" -> ");
    id(out, to).append(" [label=").append(kind).append(", color=").append(colour)
        .append(", fontcolor=").append(colour).append("];\n");
  }

  /**
   * A quoted ID: a quote escaped, a line break written as dot's {@code \n}, and a backslash or
   * another control character as {@code ?}. A backslash cannot be kept: at the end of a string,
   * dot would read it and the closing quote as an escaped quote (valid initcall names have none;
   * only a hand-written index could).
   */
  static StringBuilder id(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c < 0x20 || c == 0x7f || c == '\\' ? '?' : c);
      }
    }
    return out.append('"');
  }
}
