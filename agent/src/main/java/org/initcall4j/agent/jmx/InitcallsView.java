package org.initcall4j.agent.jmx;

import java.util.List;
import java.util.Locale;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import org.initcall4j.agent.control.ControlViews;
import org.initcall4j.agent.control.FlushScheduler;
import org.initcall4j.agent.profile.ProfileMode;
import org.initcall4j.agent.profile.ProfileOpenData;
import org.initcall4j.agent.report.BootReport;
import org.initcall4j.agent.runtime.FlushRequest;
import org.initcall4j.agent.runtime.FlushResult;
import org.initcall4j.agent.runtime.FlushTrigger;
import org.initcall4j.agent.runtime.GroupRecord;
import org.initcall4j.agent.runtime.InitMemory;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.InitcallState;

/** {@link InitcallsMBean} over the live runtime: every read is current, nothing is cached. */
final class InitcallsView implements InitcallsMBean {
  private static final String[] COLUMNS = {"name", "level", "state", "deferred", "startMillis",
      "durationMillis", "thread", "group", "detail"};
  private static final CompositeType ROW;
  private static final TabularType TABLE;

  static {
    try {
      ROW = new CompositeType("org.initcall4j.Initcall", "one initcall", COLUMNS,
          new String[] {"unique name", "boot level (a group: its earliest part's)", "pending,"
              + " deferred, running, done, failed, skipped or disabled (a group: its parts')",
              "parked at boot (a group: every part is)", "start, ms after agent start (-1: not"
              + " run)", "duration in ms (-1: not finished)", "thread that ran it",
              "the group it is part of, '(group)' on a group's own row, '' for none",
              "error, skip reason, who disabled it; a group's parts"},
          new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING,
              SimpleType.BOOLEAN, SimpleType.DOUBLE, SimpleType.DOUBLE, SimpleType.STRING,
              SimpleType.STRING, SimpleType.STRING});
      TABLE = new TabularType("org.initcall4j.Initcalls", "every initcall and group", ROW,
          new String[] {"name"});
    } catch (OpenDataException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final InitcallRuntime runtime;
  private final FlushScheduler scheduler;
  private final InitMemory memory;
  private final InitcallsNotifier notifier;
  private final String controlDirectory;
  private final boolean readOnly;
  private final ProfileMode profile;
  private final BootReport report;

  InitcallsView(InitcallRuntime runtime, FlushScheduler scheduler, InitMemory memory,
      InitcallsNotifier notifier, String controlDirectory, boolean readOnly,
      ProfileMode profile, BootReport report) {
    this.profile = profile;
    this.report = report;
    this.runtime = runtime;
    this.scheduler = scheduler;
    this.memory = memory;
    this.notifier = notifier;
    this.controlDirectory = controlDirectory;
    this.readOnly = readOnly;
  }

  @Override
  public int getProtocolVersion() {
    return InitcallsMBeanRegistration.PROTOCOL_VERSION;
  }

  @Override
  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public TabularData getInitcalls() {
    TabularDataSupport table = new TabularDataSupport(TABLE);
    try {
      for (InitcallRecord record : runtime.records()) {
        GroupRecord group = runtime.groups().isEmpty() ? null : runtime.groupOf(record);
        table.put(new CompositeDataSupport(ROW, COLUMNS,
            row(record, group == null ? "" : group.name())));
      }
      for (GroupRecord group : runtime.groups()) {
        table.put(new CompositeDataSupport(ROW, COLUMNS, row(group)));
      }
    } catch (OpenDataException e) {
      throw new IllegalStateException(e);
    }
    return table;
  }

  private static Object[] row(InitcallRecord record, String group) {
    InitcallState state = record.state();
    boolean started = state == InitcallState.RUNNING || state == InitcallState.DONE
        || state == InitcallState.FAILED;
    boolean finished = state == InitcallState.DONE || state == InitcallState.FAILED;
    String detail = state == InitcallState.FAILED ? String.valueOf(record.error())
        : state == InitcallState.SKIPPED || state == InitcallState.DISABLED ? record.skipReason()
        : "";
    return new Object[] {record.name(), record.spec().level().name(),
        state.name().toLowerCase(Locale.ROOT), record.spec().deferred(),
        started ? record.startNanos() / 1e6 : -1.0, finished ? record.durationNanos() / 1e6 : -1.0,
        started && record.threadName() != null ? record.threadName() : "", group, detail};
  }

  /** A group's row: its state, start and span derived from its parts. */
  private static Object[] row(GroupRecord group) {
    long start = group.startNanos();
    long end = group.endNanos();
    return new Object[] {group.name(), group.level().name(),
        group.state().name().toLowerCase(Locale.ROOT), group.deferred(),
        start < 0 ? -1.0 : start / 1e6, start < 0 || end < 0 ? -1.0 : (end - start) / 1e6, "",
        "(group)", group.detail()};
  }

  @Override
  public String[] getPendingDeferred() {
    List<InitcallRecord> pending = runtime.pendingDeferred();
    String[] names = new String[pending.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = pending.get(i).name();
    }
    return names;
  }

  private int count(InitcallState... states) {
    int n = 0;
    for (InitcallRecord record : runtime.records()) {
      InitcallState state = record.state();
      for (InitcallState wanted : states) {
        if (state == wanted) {
          n++;
        }
      }
    }
    return n;
  }

  @Override
  public int getTotal() {
    return runtime.records().size();
  }

  @Override
  public int getDone() {
    return count(InitcallState.DONE);
  }

  @Override
  public int getFailed() {
    return count(InitcallState.FAILED);
  }

  @Override
  public int getSkipped() {
    return count(InitcallState.SKIPPED);
  }

  @Override
  public int getDisabled() {
    return count(InitcallState.DISABLED);
  }

  @Override
  public int getWaiting() {
    return count(InitcallState.PENDING, InitcallState.DEFERRED);
  }

  @Override
  public int getRunning() {
    return count(InitcallState.RUNNING);
  }

  @Override
  public double getBootMillis() {
    return scheduler.bootEndNanos() / 1e6;
  }

  @Override
  public double getLastFlushMillis() {
    return millisOrNone(notifier.lastFlushNanos());
  }

  /** Milliseconds, or -1 for "not yet". */
  private static double millisOrNone(long nanos) {
    return nanos < 0 ? -1 : nanos / 1e6;
  }

  @Override
  public long getFlushCount() {
    return notifier.flushCount();
  }

  @Override
  public String getFlushPolicy() {
    return scheduler.policy().toString();
  }

  @Override
  public double getReadyMillis() {
    return millisOrNone(scheduler.readyNanos());
  }

  @Override
  public String getControlDirectory() {
    return controlDirectory;
  }

  @Override
  public boolean isInitMemoryFreed() {
    return memory.freed();
  }

  @Override
  public String getInitMemoryFreedDetail() {
    return memory.detail();
  }

  @Override
  public CompositeData flush() {
    return FlushOpenData.of(flushOnOwnThread(null));
  }

  @Override
  public CompositeData flush(String name) {
    return FlushOpenData.of(flushOnOwnThread(name == null ? "" : name)); // "": no such initcall
  }

  /** On a non-daemon thread, as main would run it: JMX connection threads are daemons. */
  private FlushResult flushOnOwnThread(String name) {
    return FlushRequest.run(runtime, FlushTrigger.JMX, name, null);
  }

  @Override
  public String list() {
    return ControlViews.table(runtime);
  }

  @Override
  public String trace() {
    return report.trace();
  }

  @Override
  public boolean isProfiling() {
    return profile != null;
  }

  @Override
  public TabularData getStaticInitializers() {
    return ProfileOpenData.table();
  }

  @Override
  public String getProfile() {
    return ProfileOpenData.text(profile);
  }
}
