package org.initcall4j.agent.hooks;

/**
 * What the application's rewritten {@code main} calls first, behind a launcher. Public, on the
 * system class path (the agent jar, which every launcher's loader delegates to) and without
 * parameters, so the rewritten class links against nothing else of the agent.
 */
public final class MainEntry {
  public static final String INTERNAL_NAME = "org/initcall4j/agent/hooks/MainEntry";
  public static final String METHOD = "beforeMain";
  public static final String DESCRIPTOR = "()V";

  /** Set once, by the one watch of this JVM, before the main class can be defined. */
  private static volatile LaunchListener listener;

  private MainEntry() {}

  public static void listen(LaunchListener chosen) {
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
