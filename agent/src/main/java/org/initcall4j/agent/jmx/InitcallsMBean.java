package org.initcall4j.agent.jmx;

import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The management interface of {@code org.initcall4j:type=Initcalls}. Only JDK and open types, so
 * jconsole or any remote JMX client reads it without initcall4j classes.
 */
public interface InitcallsMBean {
  /** Every initcall in plan order: name, level, state, deferred, start/duration (ms), thread, detail. */
  TabularData getInitcalls();

  /** Deferred initcalls not run yet, in order. */
  String[] getPendingDeferred();

  int getTotal();

  int getDone();

  int getFailed();

  int getSkipped();

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

  /**
   * Runs every deferred initcall not run yet; returns what ran, how many succeeded, and each
   * deferred initcall (or one they need) that failed or was skipped, with the error.
   */
  CompositeData flush();

  /**
   * Runs the named initcall and what it needs; returns what ran, how many succeeded, and each of
   * them that failed or was skipped, with the error.
   */
  CompositeData flush(String name);

  /** The same table as the control directory's {@code initcalls} file. */
  String list();

  /** Whether profile mode is on in this JVM. */
  boolean isProfiling();

  /** Profile mode: every timed static initializer, slowest exclusive first (empty when off). */
  TabularData getStaticInitializers();

  /** Profile mode: the blame list as printed at exit, as it stands now. */
  String getProfile();
}
