package org.initcall4j.agent.hooks;

/**
 * What rewritten application classes call. Public, on the system class path (the agent jar), and
 * JDK types only in its signatures, so rewritten code links against nothing else of the agent.
 * Each {@code id} is fixed when the agent starts, before any rewritten class loads.
 */
public final class InitcallHooks {
  public static final String INTERNAL_NAME = "org/initcall4j/agent/hooks/InitcallHooks";

  private static volatile HookTarget[] hooks = new HookTarget[0];

  private InitcallHooks() {}

  public static void install(HookTarget[] table) {
    hooks = table;
  }

  /**
   * At the entry of an initcall method: true when the body must not run now (the call was parked,
   * or the agent already ran the initcall), false to run it.
   */
  public static boolean enter(int id, Object receiver, Object[] arguments) {
    return hooks[id].enter(receiver, arguments);
  }

  /** At the entry of every method and constructor of a class whose static init is deferred. */
  public static void ensureInitialized(int id) {
    HookTarget hook = hooks[id];
    if (!hook.initialized) {
      hook.ensureInitialized();
    }
  }

  /** At the start of an ordered static initializer: what it must follow runs first. */
  public static void beforeClassInit(int id) {
    hooks[id].beforeClassInit();
  }
}
