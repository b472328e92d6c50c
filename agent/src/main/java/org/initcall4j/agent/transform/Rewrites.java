package org.initcall4j.agent.transform;

import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.initcall4j.agent.config.ConfigEntry;
import org.initcall4j.agent.config.MemberRef;
import org.initcall4j.agent.graph.BootPlan;
import org.initcall4j.agent.hooks.InitcallHooks;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallListener;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.Invoker;

/**
 * The hooks for a config's initcalls and the transformer that puts them into the named classes.
 * Which class needs what: a method initcall gets an entry hook; a deferred static initializer is
 * moved out of {@code <clinit>} and every method of its class guarded, and, when other classes can
 * reach its static fields, each of their accesses to them ({@link StaticFieldGuards}); a boot
 * static initializer that follows other initcalls gets an ordering hook. Nothing else is touched.
 */
public final class Rewrites {
  /** Calls a deferred entry point parks at most, without option {@code parked.max}. */
  public static final int DEFAULT_PARKED_MAX = 10_000;

  private final HookContext context;
  private final Map<String, Hook> byName = new HashMap<>();
  private final Map<String, ClassPlan> byClass = new HashMap<>();
  private final List<Hook> table = new ArrayList<>();
  /** Made for the first deferred class whose static fields others reach: most configs have none. */
  private StaticFieldGuards guards;

  private Rewrites(HookContext context) {
    this.context = context;
  }

  /** Plans the hooks for config entries, once the graph has checked and ordered them. */
  public static Rewrites plan(List<ConfigEntry> entries, BootPlan plan, ClassLoader loader,
      PrintStream warnings) {
    return plan(entries, plan, loader, warnings, DEFAULT_PARKED_MAX);
  }

  /**
   * Plans the hooks for config entries, once the graph has checked and ordered them.
   *
   * @param parkedMax calls each deferred entry point parks at most (option {@code parked.max})
   */
  public static Rewrites plan(List<ConfigEntry> entries, BootPlan plan, ClassLoader loader,
      PrintStream warnings, int parkedMax) {
    Rewrites rewrites = new Rewrites(new HookContext(loader, warnings, parkedMax));
    for (ConfigEntry entry : entries) {
      rewrites.add(entry, plan.prerequisites(plan.positionOf(entry.spec().name())).length > 0);
    }
    return rewrites;
  }

  private void add(ConfigEntry entry, boolean hasPrerequisites) {
    InitcallSpec spec = entry.spec();
    MemberRef target = entry.target();
    Hook hook;
    if (!spec.isClassInit()) {
      hook = spec.deferred()
          ? new DeferredMethodHook(spec, target, entry.replayByReference(), context)
          : new BootMethodHook(spec, context);
    } else if (spec.deferred()) {
      hook = new DeferredClassHook(spec, context);
    } else if (hasPrerequisites) {
      hook = new OrderedClassHook(spec, context);
    } else {
      return; // a boot static initializer with nothing to follow: the agent just initializes it
    }
    int id = table.size();
    table.add(hook);
    byName.put(spec.name(), hook);
    ClassPlan plan = byClass.get(target.internalClassName());
    if (plan == null) { // not computeIfAbsent: a lambda costs premain its bootstrap
      plan = new ClassPlan();
      byClass.put(target.internalClassName(), plan);
    }
    plan.add(hook);
    plan.serializable |= entry.serializable();
    if (!spec.isClassInit()) {
      plan.entryHooks.put(target.methodName() + target.parameterDescriptor(), id);
    } else if (spec.deferred()) {
      plan.deferredClass = id;
      if (!entry.sharedStaticFields().isEmpty()) {
        if (guards == null) {
          guards = new StaticFieldGuards(context.loader());
        }
        guards.add(target.internalClassName(), id, entry.sharedStaticFields());
      }
    } else {
      plan.orderedClass = id;
    }
  }

  /** True when no class needs rewriting: then no transformer is registered at all. */
  public boolean isEmpty() {
    return table.isEmpty();
  }

  /** The invoker to give the runtime: config initcalls through their hooks, the rest plainly. */
  public Invoker invoker(Invoker plain) {
    return isEmpty() ? plain : new RewriteInvoker(byName, plain);
  }

  /**
   * Connects the hooks to the runtime and registers the transformer; call before boot.
   *
   * @return the registered transformer, or null when no class needs rewriting
   */
  public ClassFileTransformer install(Instrumentation instrumentation, InitcallRuntime runtime) {
    if (isEmpty()) {
      return null;
    }
    ClassFileTransformer transformer = connect(runtime, instrumentation);
    instrumentation.addTransformer(transformer);
    warnAboutClassesLoadedBefore(instrumentation);
    return transformer;
  }

  /**
   * A named class loaded before the transformer was registered never reaches it. With the JDK's
   * AOT cache (JDK 24+) that is every class the cache holds: they are loaded before
   * {@code premain}, so a cache trained without this config hands the application its classes
   * as compiled. Each such class is named, with the fix; its initcalls run as plain code, as for
   * any class that could not be rewritten. One JVMTI call; looked at only with a config.
   */
  private void warnAboutClassesLoadedBefore(Instrumentation instrumentation) {
    ClassLoader loader = context.loader();
    for (Class<?> loaded : instrumentation.getInitiatedClasses(loader)) {
      ClassPlan plan = loaded.getClassLoader() == loader
          ? byClass.get(loaded.getName().replace('.', '/')) : null;
      if (plan != null && !plan.rewritten()) {
        context.warnOnce(loaded.getName() + " was loaded before the agent could rewrite it:"
            + " left as it was, so " + plan.initcallNames() + " run"
            + (plan.hooks.size() == 1 ? "s" : "") + " as plain code, not deferred or guarded"
            + " (with the JDK's AOT cache, it was trained without this config: train it again"
            + " with the same -javaagent options)");
      }
    }
  }

  /**
   * Connects the hooks to the runtime and returns the transformer that inserts them, without
   * registering it: {@link #install} registers it; benchmarks and tests call it themselves, for
   * classes on a class path (without instrumentation, a named module's are left as they were).
   */
  public ClassFileTransformer connect(InitcallRuntime runtime) {
    return connect(runtime, null);
  }

  private ClassFileTransformer connect(InitcallRuntime runtime, Instrumentation instrumentation) {
    context.attach(runtime);
    runtime.addListener(new InitcallListener() {
      @Override
      public void skipped(InitcallRecord record) {
        Hook hook = byName.get(record.name());
        if (hook != null) {
          hook.skipped();
        }
      }
    });
    InitcallHooks.install(table.toArray(new Hook[0]));
    return new InitcallTransformer(byClass, guards, context, instrumentation);
  }
}
