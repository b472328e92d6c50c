package org.initcall4j.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One initcall, as a JFR event: its duration is the event's, its thread the one that ran it. */
@Name(InitcallEvent.NAME)
@Label("Initcall")
@Category("initcall4j")
@Description("One initcall run (or skipped) by the initcall4j agent")
@StackTrace(false)
final class InitcallEvent extends Event {
  static final String NAME = "org.initcall4j.Initcall";

  @Label("Name")
  String name;

  @Label("Level")
  String level;

  @Label("Deferred")
  @Description("Parked at boot and run by a flush or on demand")
  boolean deferred;

  @Label("Took")
  @Description("How long the initcall ran; equals the event's duration unless replayed")
  @Timespan(Timespan.NANOSECONDS)
  long took;

  @Label("Initcall Thread")
  @Description("The thread that ran it (a replayed event is committed on another one)")
  String thread;

  @Label("Replayed")
  @Description("Ran before any recording was running (e.g. in premain, before"
      + " -XX:StartFlightRecording starts) and was committed when one started")
  boolean replayed;

  @Label("Outcome")
  @Description("done, failed: <exception> or skipped: <reason>")
  String outcome;
}
