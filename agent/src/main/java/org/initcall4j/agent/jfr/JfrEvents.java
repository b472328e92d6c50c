package org.initcall4j.agent.jfr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.initcall4j.agent.runtime.InitcallListener;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * Option {@code jfr}: commits an {@code org.initcall4j.Initcall} event per initcall. The event
 * begins when the initcall starts and ends when it returns, on the thread that ran it; a skipped
 * initcall gives an event of no duration. Boot initcalls run in {@code premain}, before the JVM
 * starts a {@code -XX:StartFlightRecording} recording, so the ones no recording saw are kept
 * and committed as {@code replayed} events (with their real thread and time in fields) when the
 * first recording starts. This class, and with it {@code jdk.jfr}, loads only with the option.
 */
public final class JfrEvents implements InitcallListener, FlightRecorderListener {
  private final Map<InitcallRecord, InitcallEvent> running = new ConcurrentHashMap<>();
  private final List<InitcallRecord> unseen = new ArrayList<>();
  private boolean replayed;

  private JfrEvents() {}

  public static void install(InitcallRuntime runtime) {
    JfrEvents events = new JfrEvents();
    FlightRecorder.addListener(events);
    runtime.addListener(events);
  }

  @Override
  public void started(InitcallRecord record) {
    InitcallEvent event = new InitcallEvent();
    event.begin();
    running.put(record, event);
  }

  @Override
  public void finished(InitcallRecord record) {
    InitcallEvent event = running.remove(record);
    if (event != null) {
      event.end();
      commitOrKeep(event, record);
    }
  }

  @Override
  public void skipped(InitcallRecord record) {
    InitcallEvent event = new InitcallEvent();
    event.begin();
    event.end();
    commitOrKeep(event, record);
  }

  @Override
  public void recordingStateChanged(Recording recording) {
    if (recording.getState() != RecordingState.RUNNING) {
      return;
    }
    List<InitcallRecord> late;
    synchronized (this) {
      if (replayed) {
        return;
      }
      replayed = true;
      late = new ArrayList<>(unseen);
      unseen.clear();
    }
    for (InitcallRecord record : late) {
      InitcallEvent event = new InitcallEvent();
      event.replayed = true;
      fill(event, record);
      event.commit();
    }
  }

  private void commitOrKeep(InitcallEvent event, InitcallRecord record) {
    if (event.shouldCommit()) {
      fill(event, record);
      event.commit();
      return;
    }
    synchronized (this) {
      if (!replayed) {
        unseen.add(record);
      }
    }
  }

  private static void fill(InitcallEvent event, InitcallRecord record) {
    event.name = record.name();
    event.level = record.spec().level().name();
    event.deferred = record.spec().deferred();
    event.outcome = record.outcome();
    event.took = record.durationNanos();
    event.thread = record.threadName();
  }
}
