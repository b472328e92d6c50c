package org.initcall4j.agent;

import org.initcall4j.agent.runtime.FlushRequest;
import org.initcall4j.agent.runtime.FlushTrigger;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * What {@code org.initcall4j.Initcalls} calls, by reflection, with JDK types only: the api jar
 * and the agent share no classes, so any api version works with any agent version.
 */
public final class ApiBridge {
  private ApiBridge() {}

  /**
   * @param command {@code active}, {@code flush}, {@code require} or {@code ready}
   * @param name the initcall's name, or null
   */
  public static Object call(String command, String name) {
    if (command.equals("active")) {
      return AgentSession.isRunning(); // an idle agent answers without making its runtime
    }
    AgentSession session = AgentSession.current();
    InitcallRuntime runtime = session == null ? null : session.runtime();
    if (runtime == null) {
      throw new IllegalStateException("initcall4j agent is not running in this JVM");
    }
    switch (command) {
      case "flush": // the count of successes (Initcalls' javadoc says how a failure shows)
        return FlushRequest.run(runtime, FlushTrigger.API, name, null).succeeded();
      case "require":
        runtime.require(name);
        return null;
      case "ready":
        session.ready();
        return null;
      default:
        throw new IllegalArgumentException("unknown initcall4j command '" + command + "'");
    }
  }
}
