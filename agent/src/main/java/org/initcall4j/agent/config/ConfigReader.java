package org.initcall4j.agent.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallName;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.text.EditDistance;

/**
 * Turns config lines ({@code initcall.<name>.<attribute>=value}) into initcall entries, checking
 * every key and value. Names may contain dots, so the attribute is what follows the last dot.
 */
final class ConfigReader {
  static final String PREFIX = "initcall.";
  static final List<String> ATTRIBUTES =
      List.of("method", "class", "level", "after", "before", "partOf", "deferred", "async",
          "mainThread", "replayByReference", "disabled");
  private static final String DISABLED = "disabled";

  private final String file;
  private final List<ConfigProblem> problems;
  /** name -> attribute -> its line, in file order. */
  private final Map<String, Map<String, ConfigLines.Line>> entries = new LinkedHashMap<>();

  private ConfigReader(String file, List<ConfigProblem> problems) {
    this.file = file;
    this.problems = problems;
  }

  static List<ConfigEntry> read(String text, String file, List<ConfigProblem> problems) {
    return read(text, file, problems, new ArrayList<>());
  }

  /**
   * The entries of a config text; each {@code disabled = true} also goes into {@code disabled}.
   * An entry with {@code disabled} alone names an initcall (or group) declared elsewhere.
   */
  static List<ConfigEntry> read(String text, String file, List<ConfigProblem> problems,
      List<DisabledEntry> disabled) {
    ConfigReader reader = new ConfigReader(file, problems);
    for (ConfigLines.Line line : ConfigLines.parse(text, file, problems)) {
      reader.add(line);
    }
    List<ConfigEntry> built = new ArrayList<>();
    List<DisabledEntry> allDisabled = new ArrayList<>();
    for (Map.Entry<String, Map<String, ConfigLines.Line>> entry : reader.entries.entrySet()) {
      ConfigLines.Line disabledLine = entry.getValue().get(DISABLED);
      if (disabledLine != null && reader.bool(disabledLine, entry.getKey())) {
        allDisabled.add(new DisabledEntry(entry.getKey(), file, disabledLine.number(),
            disabledLine.key()));
      }
      if (disabledLine != null && entry.getValue().size() == 1) {
        continue; // disables an initcall declared elsewhere: nothing to declare here
      }
      ConfigEntry one = reader.build(entry.getKey(), entry.getValue());
      if (one != null) {
        built.add(one);
      }
    }
    // An entry with any bad key is left out whole (lenient), never used half-read. One set of
    // names, not a scan of every problem per entry: a file of bad lines stays linear.
    Set<String> bad = new HashSet<>();
    for (ConfigProblem problem : problems) {
      bad.add(problem.entry());
    }
    List<ConfigEntry> result = new ArrayList<>();
    for (ConfigEntry entry : built) {
      if (!bad.contains(entry.spec().name())) {
        result.add(entry);
      }
    }
    for (DisabledEntry entry : allDisabled) {
      if (!bad.contains(entry.name())) {
        disabled.add(entry);
      }
    }
    return result;
  }

  private void add(ConfigLines.Line line) {
    String key = line.key();
    int lastDot = key.lastIndexOf('.');
    if (!key.startsWith(PREFIX) || lastDot <= PREFIX.length()) {
      problem(line, null, "keys look like initcall.<name>.<attribute>, e.g. initcall.usb.method="
          + "com.acme.Usb#init(); attributes: " + String.join(", ", ATTRIBUTES));
      return;
    }
    String name = key.substring(PREFIX.length(), lastDot);
    String attribute = key.substring(lastDot + 1);
    if (!InitcallName.isValid(name)) {
      problem(line, null, "'" + name + "' is not an initcall name; names are made of "
          + InitcallName.RULE);
      return;
    }
    if (!ATTRIBUTES.contains(attribute)) {
      String hint = closest(attribute);
      problem(line, name, "unknown attribute '" + attribute + "'"
          + (hint == null ? "" : "; did you mean '" + hint + "'?") + " Attributes: "
          + String.join(", ", ATTRIBUTES));
      return;
    }
    Map<String, ConfigLines.Line> attributes = entries.get(name);
    if (attributes == null) { // not computeIfAbsent: a lambda costs premain its bootstrap
      attributes = new LinkedHashMap<>();
      entries.put(name, attributes);
    }
    ConfigLines.Line previous = attributes.putIfAbsent(attribute, line);
    if (previous != null) {
      problem(line, name, "given twice (first at line " + previous.number() + "); keep one");
    }
  }

  private ConfigEntry build(String name, Map<String, ConfigLines.Line> attributes) {
    int before = problems.size();
    ConfigLines.Line method = attributes.get("method");
    ConfigLines.Line type = attributes.get("class");
    ConfigLines.Line first = attributes.values().iterator().next();
    if (method == null && type == null) {
      problem(first, name, "initcall '" + name + "' has no target: add initcall." + name
          + ".method=com.acme.Type#method() or initcall." + name + ".class=com.acme.Type"
          + (attributes.containsKey(DISABLED) ? " (to disable an initcall declared elsewhere,"
          + " give initcall." + name + ".disabled alone)" : ""));
      return null;
    }
    if (method != null && type != null) {
      problem(type, name, "initcall '" + name + "' names both a method (line " + method.number()
          + ") and a class; declare two initcalls instead");
      return null;
    }
    ConfigLines.Line targetLine = method != null ? method : type;
    StringBuilder error = new StringBuilder();
    MemberRef target = method != null ? MemberRef.parseMethod(targetLine.value(), error)
        : MemberRef.parseClass(targetLine.value(), error);
    if (target == null) {
      problem(targetLine, name, error.toString());
    }
    InitLevel level = InitLevel.DEVICE;
    ConfigLines.Line levelLine = attributes.get("level");
    if (levelLine != null) {
      level = InitLevel.parse(levelLine.value());
      if (level == null) {
        problem(levelLine, name, "unknown level '" + levelLine.value() + "'; levels, in boot"
            + " order: " + levelNames());
      }
    }
    List<String> after = names(attributes.get("after"), name);
    List<String> beforeNames = names(attributes.get("before"), name);
    List<String> partOf = names(attributes.get("partOf"), name);
    if (partOf.size() > 1) {
      problem(attributes.get("partOf"), name, "an initcall is part of one subsystem; name one");
    }
    boolean deferred = bool(attributes.get("deferred"), name);
    boolean async = bool(attributes.get("async"), name);
    boolean mainThread = bool(attributes.get("mainThread"), name);
    if (async && mainThread) {
      problem(attributes.get("mainThread"), name, "an initcall cannot be both async and"
          + " mainThread; keep one");
    }
    ConfigLines.Line byReferenceLine = attributes.get("replayByReference");
    boolean byReference = bool(byReferenceLine, name);
    if (byReference && target != null && (target.methodName() == null || !deferred)) {
      problem(byReferenceLine, name, "replayByReference is about the calls a deferred entry"
          + " point parks; it needs initcall." + name + ".method=... and initcall." + name
          + ".deferred=true, or remove it");
    }
    if (target != null && target.methodName() != null && target.hasParameters() && !deferred) {
      problem(targetLine, name, target + " takes parameters, so the agent cannot call it at"
          + " boot; add initcall." + name + ".deferred=true to park the application's own calls"
          + " until the flush, or name a method without parameters");
    }
    if (problems.size() > before) {
      return null;
    }
    String origin = file + ":" + targetLine.number();
    InitcallSpec spec = new InitcallSpec(name, level, target.className(), target.methodName(),
        after, beforeNames, partOf.isEmpty() ? null : partOf.get(0), deferred, async, mainThread,
        origin);
    ConfigLines.Line deferredLine = attributes.getOrDefault("deferred", targetLine);
    return new ConfigEntry(spec, target, file, targetLine.number(), targetLine.key(),
        deferredLine.number(), byReference, false, List.of());
  }

  private List<String> names(ConfigLines.Line line, String entry) {
    List<String> names = new ArrayList<>();
    if (line == null) {
      return names;
    }
    for (String part : line.value().split(",")) {
      String trimmed = part.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!InitcallName.isValid(trimmed)) {
        problem(line, entry, "'" + trimmed + "' is not an initcall name; separate names with"
            + " commas; names are made of " + InitcallName.RULE);
      }
      names.add(trimmed);
    }
    return names;
  }

  private boolean bool(ConfigLines.Line line, String entry) {
    if (line == null) {
      return false;
    }
    String value = line.value().toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      problem(line, entry, "expected true or false, found '" + line.value() + "'");
    }
    return value.equals("true");
  }

  private static String levelNames() {
    List<String> names = new ArrayList<>();
    for (InitLevel level : InitLevel.values()) {
      names.add(level.lowerName());
    }
    return String.join(", ", names);
  }

  private static String closest(String attribute) {
    for (String known : ATTRIBUTES) {
      if (known.equalsIgnoreCase(attribute) || EditDistance.between(attribute, known, 3) < 3) {
        return known;
      }
    }
    return null;
  }

  private void problem(ConfigLines.Line line, String entry, String message) {
    problems.add(new ConfigProblem(file, line.number(), line.key(), entry, message));
  }
}
