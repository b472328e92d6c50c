package org.initcall4j.agent.transform;

import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallDeadlockException;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallReentryException;

/**
 * A boot static initializer that must follow other initcalls: whichever class the application
 * touches first, the first line of this one's {@code <clinit>} runs what it follows.
 */
final class OrderedClassHook extends Hook {

  OrderedClassHook(InitcallSpec spec, HookContext context) {
    super(spec, context);
  }

  @Override
  protected void beforeClassInit() {
    for (InitcallRecord need : record().prerequisites()) {
      if (need.state().isTerminal()) {
        continue;
      }
      if (need.runner() == Thread.currentThread()) {
        // Waiting would wait for ourselves: the prerequisite itself uses this class.
        context.warnOnce(spec.className() + " is initialized while '" + need.name()
            + "', which it must follow, is still running on this thread: '" + need.name()
            + "' uses " + spec.className() + "; drop the dependency or reverse it");
        continue;
      }
      try {
        context.runtime().require(need.name());
      } catch (InitcallReentryException | InitcallDeadlockException e) {
        throw e;
      } catch (IllegalStateException e) {
        // The JVM initializes the class anyway; say that its order could not be kept.
        context.warnOnce(spec.className() + " is initialized although '" + need.name()
            + "', which it must follow, " + need.outcome());
      }
    }
  }
}
