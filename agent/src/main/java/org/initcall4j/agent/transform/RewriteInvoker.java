package org.initcall4j.agent.transform;

import java.util.Map;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.Invoker;
import org.initcall4j.agent.runtime.ParkedQueue;

/** Runs config initcalls through their hooks, and everything else the plain way. */
final class RewriteInvoker implements Invoker {
  private final Map<String, Hook> hooks;
  private final Invoker plain;

  RewriteInvoker(Map<String, Hook> hooks, Invoker plain) {
    this.hooks = hooks;
    this.plain = plain;
  }

  @Override
  public void invoke(InitcallSpec spec) throws Throwable {
    Hook hook = hooks.get(spec.name());
    if (hook == null) {
      plain.invoke(spec);
    } else {
      hook.run(plain);
    }
  }

  @Override
  public ParkedQueue parkedQueue(InitcallSpec spec) {
    return hooks.get(spec.name()) instanceof ParkedQueue queue ? queue : null;
  }

  @Override
  public void beforeClaim(InitcallSpec spec) {
    Hook hook = hooks.get(spec.name());
    if (hook != null) {
      hook.beforeClaim();
    }
  }
}
