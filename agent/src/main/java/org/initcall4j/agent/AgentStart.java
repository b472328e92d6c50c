package org.initcall4j.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.config.ConfigEntry;
import org.initcall4j.agent.config.ConfigException;
import org.initcall4j.agent.config.InitcallConfig;
import org.initcall4j.agent.control.ControlOptions;
import org.initcall4j.agent.control.ControlPlane;
import org.initcall4j.agent.control.FlushScheduler;
import org.initcall4j.agent.control.MBeanRegistrar;
import org.initcall4j.agent.graph.BootPlan;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.graph.InitcallGraphException;
import org.initcall4j.agent.index.IndexFormatException;
import org.initcall4j.agent.index.IndexLoader;
import org.initcall4j.agent.jfr.JfrEvents;
import org.initcall4j.agent.jmx.InitcallsMBeanRegistration;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.profile.ProfileMode;
import org.initcall4j.agent.report.BootReport;
import org.initcall4j.agent.runtime.ConsoleReporter;
import org.initcall4j.agent.runtime.InitMemory;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.Invoker;
import org.initcall4j.agent.runtime.ReflectiveInvoker;
import org.initcall4j.agent.transform.Rewrites;

/**
 * Wires the whole agent together in two steps: {@link #prepare} reads the index and config of the
 * application's class loader, checks the graph, makes the runtime and registers the rewrites;
 * {@link #run} publishes the runtime, runs the boot initcalls and starts the control plane. On a
 * plain class path both happen in {@code premain}; behind a launcher the first happens when the
 * application's main class is defined and the second at the start of its {@code main}. A class of
 * its own so that a JVM with nothing to run never loads (or verifies) it.
 */
final class AgentStart {
  private final AgentSession session;
  private final InitcallRuntime runtime;
  private final boolean somethingToControl;
  private final ClassFileTransformer rewrites;
  private final BootReport report;

  private AgentStart(AgentSession session, InitcallRuntime runtime, boolean somethingToControl,
      ClassFileTransformer rewrites, BootReport report) {
    this.session = session;
    this.runtime = runtime;
    this.somethingToControl = somethingToControl;
    this.rewrites = rewrites;
    this.report = report;
  }

  /**
   * Everything now, on one loader: {@code premain} on a plain class path, or an attach.
   *
   * @param madeLater true for the runtime of an idle agent, made on first use: its missing
   *     index was reported when it started
   */
  static void start(AgentSession session, ClassLoader appLoader, boolean atBoot,
      boolean madeLater) {
    prepare(session, appLoader, atBoot, !madeLater).run(atBoot);
  }

  /**
   * Reads, checks and plans; registers the rewrites; runs no initcall.
   *
   * @param reportMissingIndex false when the loader was already seen to have no index (the
   *     runtime of an idle agent, made on first use)
   * @throws AgentStartupException for a bad index, config or graph
   */
  static AgentStart prepare(AgentSession session, ClassLoader appLoader, boolean atBoot,
      boolean reportMissingIndex) {
    AgentOptions options = session.options();
    Instrumentation instrumentation = session.instrumentation();
    // before the boot initcalls run, so their static initializers are timed too (behind a
    // launcher it started in premain, to time the launcher's classes as well)
    session.startProfile();
    List<InitcallSpec> specs;
    BootPlan plan;
    InitcallConfig config = null;
    DisabledInitcalls disabled;
    try {
      specs = new ArrayList<>(IndexLoader.load(appLoader));
      if (reportMissingIndex && specs.isEmpty() && options.config() == null) {
        String hint = IndexLoader.missingIndexHint(appLoader);
        if (hint != null) {
          System.err.println(hint);
        }
      }
      if (options.config() != null) {
        config = InitcallConfig.load(options.config().toString(), options.lenient(), appLoader,
            System.err);
        specs.addAll(config.specs());
      }
      plan = InitcallGraph.plan(specs);
    } catch (InitcallGraphException | IndexFormatException | ConfigException e) {
      throw new AgentStartupException(e.getMessage());
    }
    // checked here, not in DisabledInitcalls: most starts disable nothing and need not load it
    boolean anyDisabled = !options.disabled().isEmpty()
        || config != null && !config.disabled().isEmpty();
    disabled = anyDisabled ? DisabledInitcalls.resolve(options.disabled(), config, plan) : null;
    // a disabled config initcall's class is left as compiled: its code runs as without the agent
    Rewrites rewrites = config == null ? null
        : Rewrites.plan(enabled(config.entries(), disabled), plan, appLoader, System.err,
            options.parkedMax());
    Invoker invoker = new ReflectiveInvoker(appLoader, instrumentation);
    InitcallRuntime started = new InitcallRuntime(plan,
        rewrites == null ? invoker : rewrites.invoker(invoker), options.runtime(), System.err);
    if (disabled != null) {
      disabled.applyTo(started);
    }
    started.addListener(new ConsoleReporter(System.err, options.debug()));
    // before boot: an exit during boot is covered too
    started.finishDeferredWorkAtExit(options.exit());
    ClassFileTransformer transformer = rewrites == null ? null
        : rewrites.install(instrumentation, started);
    BootReport report = null;
    if (options.report() != null) {
      // the runtime frees the links after the last flush; the report at exit needs them
      report = BootReport.keepingDeclarations(started);
      report.writeAtExit(options.report());
    }
    if (options.jfr()) {
      JfrEvents.install(started); // the only path that loads jdk.jfr
    }
    // profile mode alone has nothing to control: no control plane unless asked for by name
    return new AgentStart(session, started, !atBoot || !specs.isEmpty() || config != null,
        transformer, report);
  }

  private static List<ConfigEntry> enabled(List<ConfigEntry> entries,
      DisabledInitcalls disabled) {
    if (disabled == null || disabled.isEmpty()) {
      return entries;
    }
    List<ConfigEntry> enabled = new ArrayList<>(entries.size());
    for (ConfigEntry entry : entries) {
      if (!disabled.contains(entry.spec().name())) {
        enabled.add(entry);
      }
    }
    return enabled;
  }

  /** The transformer of the config's rewrites, or null when no class needs rewriting. */
  ClassFileTransformer rewrites() {
    return rewrites;
  }

  /**
   * Publishes the runtime, runs the boot initcalls (at boot) and starts the control plane.
   *
   * @throws AgentStartupException when a boot initcall failed and option {@code fatal} is set
   */
  void run(boolean atBoot) {
    session.publish(runtime, atBoot);
    if (atBoot) {
      int bad = runtime.boot();
      if (bad > 0 && session.options().fatal()) {
        throw new AgentStartupException(bad + " boot initcall" + (bad == 1 ? "" : "s")
            + " failed or skipped and option 'fatal' is set");
      }
    }
    ControlOptions control = session.options().control();
    session.controlPlaneStarted(ControlPlane.start(control, runtime, somethingToControl,
        session.instrumentation(), new MBeanOnDemand(session.profile(), report)));
    if (control.jmxOn()) {
      AgentSession.offerMBeanOnRequest();
    }
  }

  /**
   * Registers the MBean when the control plane wants it: the JMX layer (and java.management) is
   * loaded only then.
   */
  private record MBeanOnDemand(ProfileMode profile, BootReport report)
      implements MBeanRegistrar {
    @Override
    public boolean register(InitcallRuntime controlled, FlushScheduler scheduler,
        InitMemory memory, String controlDirectory, boolean readOnly) {
      return new InitcallsMBeanRegistration(profile, report).register(controlled, scheduler,
          memory, controlDirectory, readOnly);
    }
  }
}
