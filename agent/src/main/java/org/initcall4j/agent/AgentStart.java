package org.initcall4j.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.config.ConfigException;
import org.initcall4j.agent.config.InitcallConfig;
import org.initcall4j.agent.control.ControlOptions;
import org.initcall4j.agent.control.ControlPlane;
import org.initcall4j.agent.graph.BootPlan;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.graph.InitcallGraphException;
import org.initcall4j.agent.index.IndexFormatException;
import org.initcall4j.agent.index.IndexLoader;
import org.initcall4j.agent.jfr.JfrEvents;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.profile.ProfileMode;
import org.initcall4j.agent.report.BootReport;
import org.initcall4j.agent.runtime.ConsoleReporter;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.Invoker;
import org.initcall4j.agent.runtime.ReflectiveInvoker;
import org.initcall4j.agent.runtime.RuntimeSettings;
import org.initcall4j.agent.transform.Rewrites;

/**
 * Wires the whole agent together: options, index and config, the graph, the runtime and what
 * watches it, then the boot and the control plane. A class of its own so that a JVM with
 * nothing to run never loads (or verifies) it.
 */
final class AgentStart {
  private AgentStart() {}

  static void start(AgentOptions options, Instrumentation instrumentation, boolean atBoot) {
    RuntimeSettings settings = runtimeSettings(options);
    ControlOptions control = ControlOptions.from(options);
    if (options.anyStartingWith("profile")) {
      // before the boot initcalls run, so their static initializers are timed too
      ProfileMode.install(options, instrumentation);
    }
    ClassLoader appLoader = ClassLoader.getSystemClassLoader();
    List<InitcallSpec> specs;
    BootPlan plan;
    InitcallConfig config = null;
    try {
      specs = new ArrayList<>(IndexLoader.load(appLoader));
      if (options.value("config") != null) {
        config = InitcallConfig.load(options.value("config"), options.flag("lenient"), appLoader,
            System.err);
        specs.addAll(config.specs());
      }
      plan = InitcallGraph.plan(specs);
    } catch (InitcallGraphException | IndexFormatException | ConfigException e) {
      throw new AgentStartupException(e.getMessage());
    }
    Rewrites rewrites = config == null ? null
        : Rewrites.plan(config.entries(), plan, appLoader, System.err);
    Invoker invoker = new ReflectiveInvoker(appLoader, instrumentation);
    InitcallRuntime started = new InitcallRuntime(plan,
        rewrites == null ? invoker : rewrites.invoker(invoker), settings, System.err);
    started.addListener(new ConsoleReporter(System.err, options.flag("debug")));
    if (rewrites != null) {
      rewrites.install(instrumentation, started);
    }
    if (options.value("report") != null) {
      BootReport.writeAtExit(started, options.value("report"));
    }
    if (options.flag("jfr")) {
      JfrEvents.install(started); // the only path that loads jdk.jfr
    }
    Agent.publish(started, atBoot);
    if (atBoot) {
      int bad = started.boot();
      if (bad > 0 && options.flag("fatal")) {
        throw new AgentStartupException(bad + " boot initcall" + (bad == 1 ? "" : "s")
            + " failed or skipped and option 'fatal' is set");
      }
    }
    // profile mode alone has nothing to control: no control plane unless asked for by name
    ControlPlane.start(control, started, !atBoot || !specs.isEmpty() || config != null);
    if (control.jmxOn()) {
      Agent.offerMBeanOnRequest();
    }
  }

  /** Options {@code async}, {@code threads}, {@code timeout}, {@code timeout.skip}. */
  static RuntimeSettings runtimeSettings(AgentOptions options) {
    String threads = options.value("threads");
    String timeout = options.value("timeout");
    long timeoutMillis = timeout == null ? 0 : Durations.parseMillis(timeout, "option 'timeout'");
    return new RuntimeSettings(options.flag("async"),
        threads == null ? Runtime.getRuntime().availableProcessors()
            : AgentOptions.threadCount(threads),
        timeoutMillis, options.flag("timeout.skip"),
        timeoutMillis > 0 ? timeoutMillis : RuntimeSettings.DEFAULT_STALL_MILLIS);
  }
}
