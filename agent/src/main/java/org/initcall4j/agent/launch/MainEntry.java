package org.initcall4j.agent.launch;

/**
 * What the application's rewritten {@code main} calls first, behind a launcher. Public, on the
 * system class path (the agent jar, which every launcher's loader delegates to) and without
 * parameters, so the rewritten class links against nothing else of the agent.
 */
public final class MainEntry {
  static final String INTERNAL_NAME = "org/initcall4j/agent/launch/MainEntry";
  static final String METHOD = "beforeMain";
  static final String DESCRIPTOR = "()V";

  /** Set once, by the one watch of this JVM, before the main class can be defined. */
  private static volatile LaunchListener listener;

  private MainEntry() {}

  static void listen(LaunchListener chosen) {
    listener = chosen;
  }

  /** First thing in {@code main}: the boot initcalls run once, on the first call. */
  public static void beforeMain() {
    LaunchListener current = listener;
    if (current != null) {
      current.beforeMain();
    }
  }
}
