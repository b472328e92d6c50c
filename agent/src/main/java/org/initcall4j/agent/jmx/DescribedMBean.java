package org.initcall4j.agent.jmx;

import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardEmitterMBean;

/**
 * The MBean as JMX clients show it: a standard MBean's parameters are named {@code p1} and its
 * operations have no description, so jconsole would ask for "p1" where an initcall name is meant.
 * Read-only, it is built on {@link InitcallsReadOnlyMBean}, so the flush operations are not
 * there at all: not listed, and an invoke of one fails as for any unknown operation.
 */
final class DescribedMBean extends StandardEmitterMBean {
  DescribedMBean(InitcallsView view, boolean readOnly, InitcallsNotifier notifier)
      throws NotCompliantMBeanException {
    super(view, managementInterface(readOnly), notifier);
  }

  @SuppressWarnings("unchecked") // InitcallsMBean extends it, and the view implements both
  private static Class<InitcallsReadOnlyMBean> managementInterface(boolean readOnly) {
    return readOnly ? InitcallsReadOnlyMBean.class
        : (Class<InitcallsReadOnlyMBean>) (Class<?>) InitcallsMBean.class;
  }

  @Override
  protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param,
      int sequence) {
    return op.getName().equals("flush") ? "name" : super.getParameterName(op, param, sequence);
  }

  @Override
  protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param,
      int sequence) {
    return op.getName().equals("flush") ? "the initcall to run, after what it needs, or a group"
        + " whose parts to run"
        : super.getDescription(op, param, sequence);
  }

  @Override
  protected String getDescription(MBeanOperationInfo op) {
    return switch (op.getName()) {
      case "flush" -> (op.getSignature().length == 0
          ? "runs every deferred initcall not run yet"
          : "runs that initcall and what it needs, or every part of that group")
          + "; returns how many succeeded, and each one failed, skipped or disabled with the"
          + " error";
      case "list" -> "the initcalls table (a line per group too), as in the"
          + " control directory's initcalls file";
      case "trace" -> "the boot so far as a Trace Event Format file (JSON) for Perfetto or"
          + " chrome://tracing, as report=DIR's trace.json";
      default -> super.getDescription(op);
    };
  }
}
