package org.initcall4j.agent.jmx;

import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import org.initcall4j.agent.runtime.FlushResult;
import org.initcall4j.agent.runtime.InitcallListener;
import org.initcall4j.agent.runtime.InitcallRecord;

/**
 * Turns runtime events into JMX notifications: a flush starts or ends, an initcall fails or is
 * skipped. User data is a String, so any client can read it.
 */
final class InitcallsNotifier extends NotificationBroadcasterSupport implements InitcallListener {
  static final String FLUSH_STARTED = "org.initcall4j.flush.started";
  static final String FLUSH_FINISHED = "org.initcall4j.flush.finished";
  static final String INITCALL_FAILED = "org.initcall4j.initcall.failed";
  static final String INITCALL_SKIPPED = "org.initcall4j.initcall.skipped";

  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong flushStartNanos = new AtomicLong(-1);
  private volatile long lastFlushNanos = -1;
  private final AtomicLong flushCount = new AtomicLong();
  private Object source;

  InitcallsNotifier() {
    super(new MBeanNotificationInfo(new String[] {FLUSH_STARTED, FLUSH_FINISHED},
        Notification.class.getName(), "a flush (of all, or of one initcall and what it needs)"
        + " starts or ends; user data: what is flushed"),
        new MBeanNotificationInfo(new String[] {INITCALL_FAILED, INITCALL_SKIPPED},
        Notification.class.getName(), "an initcall failed, or was skipped because something it"
        + " needs failed; user data: the initcall's name"));
  }

  /** The ObjectName notifications come from. */
  void source(Object source) {
    this.source = source;
  }

  long lastFlushNanos() {
    return lastFlushNanos;
  }

  long flushCount() {
    return flushCount.get();
  }

  @Override
  public void flushStarted(String what) {
    flushStartNanos.set(System.nanoTime());
    send(FLUSH_STARTED, "flush " + what + " started", what);
  }

  @Override
  public void flushFinished(FlushResult result) {
    long started = flushStartNanos.get();
    if (started >= 0) {
      lastFlushNanos = System.nanoTime() - started;
    }
    flushCount.incrementAndGet();
    send(FLUSH_FINISHED, "flush " + result.what() + " finished: " + result.summary(),
        result.what());
  }

  @Override
  public void finished(InitcallRecord record) {
    Throwable error = record.error();
    if (error != null) {
      send(INITCALL_FAILED, "initcall " + record.name() + " failed: " + error, record.name());
    }
  }

  @Override
  public void skipped(InitcallRecord record) {
    send(INITCALL_SKIPPED, "initcall " + record.name() + " skipped: " + record.skipReason(),
        record.name());
  }

  private void send(String type, String message, String data) {
    Notification notification = new Notification(type, source, sequence.incrementAndGet(),
        System.currentTimeMillis(), message);
    notification.setUserData(data);
    sendNotification(notification);
  }
}
