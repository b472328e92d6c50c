package org.initcall4j.benchmarks;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The agent jar of an earlier build, for "before" rows measured in the same run as this build's
 * "after" rows: {@code -Dinitcall4j.baseline.agent.jar=JAR} (e.g. built from the commit before a
 * change, in a worktree of its own).
 */
public final class BaselineAgent {
  public static final String PROPERTY = "initcall4j.baseline.agent.jar";

  private BaselineAgent() {}

  /** The jar, checked to exist. */
  public static Path jar() {
    String given = System.getProperty(PROPERTY);
    if (given == null || !Files.isRegularFile(Paths.get(given))) {
      throw new IllegalStateException("a baseline row needs -D" + PROPERTY + "=JAR, the agent"
          + " jar of the build to compare with (given: " + given + ")");
    }
    return Paths.get(given).toAbsolutePath();
  }

  /** The jar's classes in a loader of their own, beside (not under) this build's classes. */
  public static ClassLoader loader() throws MalformedURLException {
    return new URLClassLoader(new URL[] {jar().toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
  }
}
