package org.initcall4j.agent.hooks;

import java.security.ProtectionDomain;

/** What the agent does when the application's main class appears behind a launcher. */
public interface LaunchListener {
  /**
   * The application's main class is being defined by {@code loader}, the application's class
   * loader: the agent prepares its start on it (index, config, rewrites) without running any
   * initcall yet (they may live in the class being defined).
   *
   * @return true to have {@link #beforeMain} called at the start of {@code main}; false when
   *     there is nothing to run, and {@code main} is left as it is
   */
  boolean mainClassDefined(ClassLoader loader);

  /**
   * The agent's own rewrites of the main class, which was defined before they could be
   * registered as a transformer; null when it has none.
   */
  byte[] rewriteMainClass(ClassLoader loader, String className, ProtectionDomain domain,
      byte[] classFile);

  /** The start of the application's {@code main}: the boot initcalls run now. */
  void beforeMain();
}
