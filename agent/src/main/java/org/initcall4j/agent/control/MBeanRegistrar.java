package org.initcall4j.agent.control;

import org.initcall4j.agent.runtime.InitMemory;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * Registers the MBean {@code org.initcall4j:type=Initcalls} when the control plane decides it
 * is wanted. An interface because JMX is a layer above the control directory: the agent session
 * supplies it, and a run that never uses JMX never loads the JMX layer.
 */
public interface MBeanRegistrar {
  /**
   * Registers the MBean; a failure is reported on stderr and the application goes on.
   *
   * @param controlDirectory the control directory in use, or {@code off}
   * @param readOnly {@code jmx=readonly}: attributes and list() only, no flush
   * @return whether it is registered
   */
  boolean register(InitcallRuntime runtime, FlushScheduler scheduler, InitMemory memory,
      String controlDirectory, boolean readOnly);
}
