package org.initcall4j.agent.transform;

import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallState;

/**
 * A boot (not deferred) entry point the application also calls itself: the agent runs it at its
 * turn, and the body runs once. The application's own call is a no-op once the agent ran it; a
 * call that comes first (from code run during boot) runs it in order, with what it needs.
 */
final class BootMethodHook extends Hook {

  BootMethodHook(InitcallSpec spec, HookContext context) {
    super(spec, context);
  }

  @Override
  protected boolean enter(Object receiver, Object[] arguments) {
    InitcallRecord record = record();
    InitcallState state = record.state();
    if (state == InitcallState.DONE) {
      return true;
    }
    if (record.runner() == Thread.currentThread()) {
      return false; // the agent's own call, or the body calling itself
    }
    if (state.isTerminal()) {
      // It failed or was skipped at boot: the application's call runs it as without the agent.
      return false;
    }
    return isDone(require());
  }
}
