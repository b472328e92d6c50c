package org.initcall4j.agent.jmx;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.initcall4j.agent.control.FlushScheduler;
import org.initcall4j.agent.control.MBeanRegistrar;
import org.initcall4j.agent.profile.ProfileMode;
import org.initcall4j.agent.report.BootReport;
import org.initcall4j.agent.runtime.InitMemory;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * Registers {@code org.initcall4j:type=Initcalls} in the platform MBean server. Called only on
 * the control thread or on an operator's request: loading java.management costs tens of
 * milliseconds, never paid in premain.
 */
public final class InitcallsMBeanRegistration implements MBeanRegistrar {
  /** The documented name; the CLI looks for it. */
  public static final String NAME = "org.initcall4j:type=Initcalls";

  /**
   * The version of the MBean's interface; a tool refuses an agent that speaks another. Raise it
   * when an attribute or operation is removed, renamed or changes type or meaning. 1: agents
   * before the ProtocolVersion attribute; 2: ProtocolVersion, ReadOnly, flush results as open
   * data.
   */
  public static final int PROTOCOL_VERSION = 2;

  private final ProfileMode profile;
  private final BootReport report;

  /**
   * @param profile profile mode in this JVM, for the MBean's profile attributes; null if off
   * @param report the report kept for option {@code report=DIR}, or null (one is made on demand)
   */
  public InitcallsMBeanRegistration(ProfileMode profile, BootReport report) {
    this.profile = profile;
    this.report = report;
  }

  @Override
  public boolean register(InitcallRuntime runtime, FlushScheduler scheduler,
      InitMemory memory, String controlDirectory, boolean readOnly) {
    try {
      ObjectName name = new ObjectName(NAME);
      InitcallsNotifier notifier = new InitcallsNotifier();
      notifier.source(name);
      InitcallsView view = new InitcallsView(runtime, scheduler, memory, notifier,
          controlDirectory, readOnly, profile,
          report != null ? report : BootReport.of(runtime));
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      server.registerMBean(new DescribedMBean(view, readOnly, notifier), name);
      runtime.addListener(notifier);
      return true;
    } catch (JMException | RuntimeException e) {
      System.err.println("initcall4j: cannot register the MBean " + NAME + ": " + e
          + "; JMX is off, the application runs on");
      return false;
    }
  }
}
