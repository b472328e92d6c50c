package org.initcall4j.agent.profile;

import java.util.List;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

/**
 * The profile as JMX open data, for the MBean: one row per timed static initializer, slowest
 * exclusive first. Loaded only when a JMX client asks.
 */
public final class ProfileOpenData {
  private static final String[] COLUMNS = {"rank", "className", "thread", "exclusiveMillis",
      "inclusiveMillis", "nestedIn", "failed"};
  private static final CompositeType ROW;
  private static final TabularType TABLE;

  static {
    try {
      ROW = new CompositeType("org.initcall4j.StaticInitializer", "one timed static initializer",
          COLUMNS, new String[] {"1 = slowest exclusive", "the class", "thread that ran it",
              "time without nested static initializers, ms", "whole time, ms",
              "class whose static initializer triggered it, or empty", "ended by throwing"},
          new OpenType<?>[] {SimpleType.INTEGER, SimpleType.STRING, SimpleType.STRING,
              SimpleType.DOUBLE, SimpleType.DOUBLE, SimpleType.STRING, SimpleType.BOOLEAN});
      TABLE = new TabularType("org.initcall4j.StaticInitializers",
          "timed static initializers, slowest first", ROW, new String[] {"rank"});
    } catch (OpenDataException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private ProfileOpenData() {}

  /** Every static initializer timed so far (empty when profile mode is off). */
  public static TabularData table() {
    List<ClinitTiming> timings = ProfileRecorder.snapshot();
    TabularDataSupport table = new TabularDataSupport(TABLE);
    int rank = 0;
    for (ClinitTiming timing : BlameList.slowest(timings, timings.size())) {
      try {
        table.put(new CompositeDataSupport(ROW, COLUMNS, new Object[] {++rank,
            timing.className(), timing.thread(), timing.exclusiveNanos() / 1e6,
            timing.inclusiveNanos() / 1e6,
            timing.nestedIn() == null ? "" : timing.nestedIn(), timing.failed()}));
      } catch (OpenDataException e) {
        throw new IllegalStateException(e);
      }
    }
    return table;
  }

  /**
   * The blame list text, or a line saying profile mode is off.
   *
   * @param profile profile mode in this JVM, or null when it is off
   */
  public static String text(ProfileMode profile) {
    return profile != null ? profile.blameList()
        : "profile mode is off: start the JVM with -javaagent:initcall-agent.jar=profile";
  }
}
