package org.initcall4j.agent.config;

/**
 * One thing wrong in a config file, with the place to fix it.
 *
 * @param file the config file as the user named it
 * @param line 1-based line number
 * @param key the key on that line, or null when the line has none
 * @param entry the initcall the problem belongs to, or null when it belongs to no entry
 * @param message what is wrong and how to fix it
 */
public record ConfigProblem(String file, int line, String key, String entry, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + (key == null ? "" : key + ": ") + message;
  }
}
