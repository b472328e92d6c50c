package org.initcall4j.benchmarks.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough JSON to read JMH's result file: objects, arrays, strings, numbers, literals. */
final class Json {
  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  /** Maps, lists, strings, doubles, booleans and null. */
  static Object parse(String text) {
    Json json = new Json(text);
    Object value = json.value();
    json.space();
    if (json.at != text.length()) {
      throw json.error("trailing text");
    }
    return value;
  }

  private Object value() {
    space();
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(at);
    if (c == '{') {
      Map<String, Object> map = new LinkedHashMap<>();
      at++;
      space();
      if (peek('}')) {
        return map;
      }
      do {
        space();
        String key = string();
        space();
        expect(':');
        map.put(key, value());
        space();
      } while (skip(','));
      expect('}');
      return map;
    }
    if (c == '[') {
      List<Object> list = new ArrayList<>();
      at++;
      space();
      if (peek(']')) {
        return list;
      }
      do {
        list.add(value());
        space();
      } while (skip(','));
      expect(']');
      return list;
    }
    if (c == '"') {
      return string();
    }
    for (String literal : new String[] {"true", "false", "null", "NaN"}) {
      if (text.startsWith(literal, at)) {
        at += literal.length();
        return switch (literal) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          case "NaN" -> Double.NaN;
          default -> null;
        };
      }
    }
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    if (start == at) {
      throw error("unexpected '" + c + "'");
    }
    return Double.parseDouble(text.substring(start, at));
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (at < text.length() && text.charAt(at) != '"') {
      char c = text.charAt(at++);
      if (c == '\\') {
        char e = text.charAt(at++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
    expect('"');
    return out.toString();
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private boolean peek(char c) {
    return skip(c);
  }

  private boolean skip(char c) {
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!skip(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JMH result file, character " + at + ": " + what);
  }
}
