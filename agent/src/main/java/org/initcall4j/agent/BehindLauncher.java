package org.initcall4j.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import org.initcall4j.agent.hooks.LaunchListener;
import org.initcall4j.agent.launch.MainClassWatch;

/**
 * The agent's start behind a launcher: prepared on the application's loader when the main
 * class is defined, run at the start of {@code main}. A start that fails stops the JVM there,
 * before the application's code, as it would in {@code premain}.
 */
final class BehindLauncher implements LaunchListener {
  private final AgentSession session;
  // guarded by this: handed from the defining thread to the one that enters main
  private AgentStart prepared;
  private RuntimeException failure;

  private BehindLauncher(AgentSession session) {
    this.session = session;
  }

  /** Watches for the application's main class; its own class, so a plain start never loads it. */
  static void watch(AgentSession session, String mainClass) {
    MainClassWatch.install(session.instrumentation(), mainClass, new BehindLauncher(session));
  }

  @Override
  public boolean mainClassDefined(ClassLoader loader) {
    synchronized (session) {
      if (session.startIdleIfNothingToRun(loader)) {
        return false;
      }
      AgentStart start = null;
      RuntimeException failed = null;
      try {
        start = AgentStart.prepare(session, loader, true, true);
      } catch (IllegalArgumentException | AgentStartupException e) {
        failed = e;
      }
      synchronized (this) {
        prepared = start;
        failure = failed;
      }
      return true;
    }
  }

  @Override
  public byte[] rewriteMainClass(ClassLoader loader, String className, ProtectionDomain domain,
      byte[] classFile) {
    ClassFileTransformer rewrites;
    synchronized (this) {
      rewrites = prepared == null ? null : prepared.rewrites();
    }
    try {
      return rewrites == null ? null
          : rewrites.transform(loader, className, null, domain, classFile);
    } catch (IllegalClassFormatException e) {
      return null; // the rewrites report what they cannot rewrite themselves
    }
  }

  @Override
  public void beforeMain() {
    AgentStart start;
    RuntimeException failed;
    synchronized (this) {
      start = prepared;
      failed = failure;
      prepared = null;
      failure = null;
    }
    try {
      if (failed != null) {
        throw failed;
      }
      if (start != null) {
        start.run(true);
      }
    } catch (IllegalArgumentException | AgentStartupException e) {
      Premain.stopBeforeMain(e);
    }
  }
}
