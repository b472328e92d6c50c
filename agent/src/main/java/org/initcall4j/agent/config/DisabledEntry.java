package org.initcall4j.agent.config;

/**
 * {@code initcall.<name>.disabled = true} in a config file: that initcall (annotated or in the
 * config) or every part of that group never runs. Whether the name exists is checked once the
 * whole graph is known.
 *
 * @param name the initcall or group
 * @param file the config file
 * @param line the line of the key
 * @param key the key, {@code initcall.<name>.disabled}
 */
public record DisabledEntry(String name, String file, int line, String key) {

  /** {@code initcalls.properties:12: initcall.usb.disabled}: where it was asked for. */
  public String place() {
    return file + ":" + line + ": " + key;
  }
}
