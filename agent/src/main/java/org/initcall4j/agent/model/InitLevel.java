package org.initcall4j.agent.model;

import java.util.Locale;

/**
 * The agent's copy of {@code org.initcall4j.Level}, by name: the agent does not depend on the api
 * jar, so an application may ship any api version.
 */
public enum InitLevel {
  EARLY, PURE, CORE, POSTCORE, ARCH, SUBSYS, FS, ROOTFS, DEVICE, LATE;

  /** values() copies the array on every call; this is read once per line of every index. */
  private static final InitLevel[] LEVELS = values();

  /** Parses a level name in any case; null when it is not one. */
  public static InitLevel parse(String text) {
    for (InitLevel level : LEVELS) { // as the processor writes it
      if (level.name().equals(text)) {
        return level;
      }
    }
    String upper = text.trim().toUpperCase(Locale.ROOT);
    for (InitLevel level : LEVELS) {
      if (level.name().equals(upper)) {
        return level;
      }
    }
    return null;
  }

  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
