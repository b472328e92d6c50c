package org.initcall4j.agent.jmx;

import javax.management.openmbean.CompositeData;

/**
 * The management interface of {@code org.initcall4j:type=Initcalls}: the read-only one and the
 * operations that change the application, the flushes (left out with {@code jmx=readonly}).
 */
public interface InitcallsMBean extends InitcallsReadOnlyMBean {
  /**
   * Runs every deferred initcall not run yet; returns what ran, how many succeeded, and each
   * deferred initcall (or one they need) that failed or was skipped, with the error.
   */
  CompositeData flush();

  /**
   * Runs the named initcall and what it needs, or every part of the named group not run yet (and
   * what they need); returns what ran, how many succeeded, and each of them that failed, was
   * skipped or is disabled, with the error.
   */
  CompositeData flush(String name);
}
