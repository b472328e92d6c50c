package org.initcall4j.agent.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Graphviz file read back by a parser of the DOT language's statements (graph, node and edge
 * attribute statements, node statements, edge statements, {@code a=b}, comments), strict where
 * dot is: a quoted string ends at the first quote not preceded by a backslash, exactly as dot's
 * scanner reads it. Enough to check what {@link InitcallsDot} writes without Graphviz.
 */
public final class DotFile {
  /** A node statement: its ID and attributes, quotes resolved. */
  public record Node(String id, Map<String, String> attributes) {}

  /** An edge statement. */
  public record Edge(String from, String to, Map<String, String> attributes) {}

  private final String text;
  private int at;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final List<Edge> edges = new ArrayList<>();

  private DotFile(String text) {
    this.text = text;
  }

  public static DotFile parse(String text) {
    DotFile dot = new DotFile(text);
    dot.graph();
    return dot;
  }

  public Map<String, Node> nodes() {
    return nodes;
  }

  public List<Edge> edges() {
    return edges;
  }

  /** The edges of one kind (their label), as "from -> to". */
  public List<String> edges(String kind) {
    return edges.stream().filter(e -> kind.equals(e.attributes().get("label")))
        .map(e -> e.from() + " -> " + e.to()).toList();
  }

  private void graph() {
    expect("digraph");
    String next = token();
    if (!next.equals("{")) {
      expect("{");
    }
    while (true) {
      String first = token();
      if (first.equals("}")) {
        break;
      }
      statement(first);
    }
    skipSpace();
    if (at != text.length()) {
      throw error("text after the graph");
    }
  }

  private void statement(String first) {
    if (first.equals("node") || first.equals("edge") || first.equals("graph")) {
      expect("[");
      attributes();
      expect(";");
      return;
    }
    String next = token();
    switch (next) {
      case "=" -> {
        token();
        expect(";");
      }
      case "->" -> {
        String to = token();
        Map<String, String> attributes = new LinkedHashMap<>();
        String after = token();
        if (after.equals("[")) {
          attributes = attributes();
          after = token();
        }
        check(after, ";");
        edges.add(new Edge(first, to, attributes));
      }
      case "[" -> {
        Map<String, String> attributes = attributes();
        expect(";");
        if (nodes.put(first, new Node(first, attributes)) != null) {
          throw error("node " + first + " declared twice");
        }
      }
      default -> throw error("unexpected '" + next + "' after " + first);
    }
  }

  private Map<String, String> attributes() {
    Map<String, String> attributes = new LinkedHashMap<>();
    while (true) {
      String key = token();
      if (key.equals("]")) {
        return attributes;
      }
      expect("=");
      attributes.put(key, token());
      if (peekChar() == ',') {
        at++;
      }
    }
  }

  private void expect(String wanted) {
    check(token(), wanted);
  }

  private void check(String found, String wanted) {
    if (!found.equals(wanted)) {
      throw error("expected '" + wanted + "', found '" + found + "'");
    }
  }

  private char peekChar() {
    skipSpace();
    return at < text.length() ? text.charAt(at) : 0;
  }

  /** The next token: punctuation, a bare word, or a quoted string with its quotes resolved. */
  private String token() {
    skipSpace();
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(at);
    if (c == '"') {
      StringBuilder value = new StringBuilder();
      at++;
      while (true) {
        if (at >= text.length()) {
          throw error("unterminated quoted string");
        }
        char d = text.charAt(at++);
        if (d == '"') {
          return value.toString();
        }
        if (d == '\\' && at < text.length() && text.charAt(at) == '"') {
          value.append('"'); // dot's only escape in a quoted string
          at++;
        } else {
          value.append(d);
        }
      }
    }
    if (text.startsWith("->", at)) {
      at += 2;
      return "->";
    }
    if ("{}[];=,".indexOf(c) >= 0) {
      at++;
      return String.valueOf(c);
    }
    int start = at;
    while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at))
        || text.charAt(at) == '_' || text.charAt(at) == '.')) {
      at++;
    }
    if (start == at) {
      throw error("unexpected character '" + c + "'");
    }
    return text.substring(start, at);
  }

  private void skipSpace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (Character.isWhitespace(c)) {
        at++;
      } else if (text.startsWith("//", at)) {
        while (at < text.length() && text.charAt(at) != '\n') {
          at++;
        }
      } else {
        return;
      }
    }
  }

  private IllegalArgumentException error(String message) {
    int line = 1;
    for (int i = 0; i < Math.min(at, text.length()); i++) {
      line += text.charAt(i) == '\n' ? 1 : 0;
    }
    return new IllegalArgumentException("not valid DOT at line " + line + ": " + message
        + "\n" + text);
  }
}
