package org.initcall4j.agent.profile;

import java.util.List;

/**
 * Which classes profile mode times, by name. The agent's own classes never; without include
 * patterns, every class outside the JDK's packages; with them, only matching classes (which may
 * then name a JDK-prefixed package that an application jar ships). Exclude patterns win.
 * Classes of the bootstrap and platform loaders are rejected before this, by loader.
 */
final class ClassSelection {
  /** JDK packages (and this agent), as internal-name prefixes. */
  private static final String[] JDK_PREFIXES = {"com/sun/", "java/", "jdk/", "sun/"};
  private static final String AGENT_PREFIX = "org/initcall4j/agent/";

  private final List<ClassNamePattern> include;
  private final List<ClassNamePattern> exclude;

  ClassSelection(List<ClassNamePattern> include, List<ClassNamePattern> exclude) {
    this.include = List.copyOf(include);
    this.exclude = List.copyOf(exclude);
  }

  /** Whether the class (JVM internal name) is timed. */
  boolean selects(String internalName) {
    if (internalName.startsWith(AGENT_PREFIX)) {
      return false;
    }
    if (include.isEmpty() ? startsWithAny(internalName, JDK_PREFIXES)
        : !matchesAny(include, internalName)) {
      return false;
    }
    return exclude.isEmpty() || !matchesAny(exclude, internalName);
  }

  private static boolean startsWithAny(String name, String[] prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAny(List<ClassNamePattern> patterns, String name) {
    for (ClassNamePattern pattern : patterns) {
      if (pattern.matches(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "include " + (include.isEmpty() ? "all but the JDK" : include) + ", exclude "
        + exclude;
  }
}
