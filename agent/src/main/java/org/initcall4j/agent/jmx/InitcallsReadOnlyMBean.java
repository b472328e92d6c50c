package org.initcall4j.agent.jmx;

import javax.management.openmbean.TabularData;

/**
 * What every form of {@code org.initcall4j:type=Initcalls} offers, {@code jmx=readonly}'s
 * included: attributes and {@code list()}, none of which changes the application. Only JDK and
 * open types, so jconsole or any remote JMX client reads it without initcall4j classes.
 */
public interface InitcallsReadOnlyMBean {
  /**
   * The version of this interface ({@link InitcallsMBeanRegistration#PROTOCOL_VERSION}), which
   * an operator's tool checks before it reads or calls anything.
   */
  int getProtocolVersion();

  /** True with {@code jmx=readonly}: the flush operations are left out. */
  boolean isReadOnly();

  /** Every initcall in plan order: name, level, state, deferred, start/duration (ms), thread, detail. */
  TabularData getInitcalls();

  /** Deferred initcalls not run yet, in order. */
  String[] getPendingDeferred();

  int getTotal();

  int getDone();

  int getFailed();

  int getSkipped();

  /** Switched off by name (option disable, or disabled in the config): never run. */
  int getDisabled();

  /** Not run yet: pending at boot, or deferred. */
  int getWaiting();

  int getRunning();

  /** Milliseconds from agent start to the end of boot. */
  double getBootMillis();

  /** How long the last finished flush took, in milliseconds; -1 before the first. */
  double getLastFlushMillis();

  /** Flushes finished so far, from any trigger. */
  long getFlushCount();

  /** {@code manual}, {@code ready} or the delay, e.g. {@code 5000ms}. */
  String getFlushPolicy();

  /** When the application called {@code Initcalls.ready()}, ms after agent start; -1 if never. */
  double getReadyMillis();

  /** The control directory, or {@code off}. */
  String getControlDirectory();

  /** True once every deferred initcall is over and the agent dropped what only running needed. */
  boolean isInitMemoryFreed();

  /** What was dropped, or why not yet. */
  String getInitMemoryFreedDetail();

  /** The same table as the control directory's {@code initcalls} file. */
  String list();

  /**
   * The boot so far as a Trace Event Format file (JSON), as option {@code report=DIR} writes
   * {@code trace.json}: Perfetto and {@code chrome://tracing} open it. An operation, not an
   * attribute: it can be large, and a client browsing attributes should not fetch it.
   */
  String trace();

  /** Whether profile mode is on in this JVM. */
  boolean isProfiling();

  /** Profile mode: every timed static initializer, slowest exclusive first (empty when off). */
  TabularData getStaticInitializers();

  /** Profile mode: the blame list as printed at exit, as it stands now. */
  String getProfile();
}
