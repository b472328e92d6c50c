package org.initcall4j.agent.jmx;

import java.util.List;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.initcall4j.agent.runtime.FlushResult;
import org.initcall4j.agent.runtime.InitcallRecord;

/**
 * What the MBean's {@code flush} operations return: a {@link FlushResult} as open data (JDK
 * types only), so jconsole shows it and the command-line tool reads it without agent classes.
 */
final class FlushOpenData {
  static final String[] ITEMS = {"flushed", "ran", "succeeded", "failed", "skipped", "problems",
      "summary", "group", "disabled"};
  static final CompositeType TYPE;

  static {
    try {
      ArrayType<String[]> strings = ArrayType.getArrayType(SimpleType.STRING);
      TYPE = new CompositeType("org.initcall4j.FlushResult", "what a flush did", ITEMS,
          new String[] {"all, or the initcall or group asked for", "initcalls this flush ran or skipped",
              "initcalls this flush ran without an error",
              "failed initcalls among those asked for and what they need, in this flush or"
                  + " earlier",
              "skipped initcalls among those asked for and what they need, in this flush or"
                  + " earlier",
              "one line per failed, skipped or disabled initcall, with its error or the reason",
              "ran N initcalls, N of M initcalls succeeded, or nothing left to run",
              "true when a group was asked for: its parts and what they need",
              "disabled initcalls among those asked for and what they need"},
          new OpenType<?>[] {SimpleType.STRING, SimpleType.INTEGER, SimpleType.INTEGER, strings,
              strings, strings, SimpleType.STRING, SimpleType.BOOLEAN, strings});
    } catch (OpenDataException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private FlushOpenData() {}

  static CompositeData of(FlushResult result) {
    try {
      return new CompositeDataSupport(TYPE, ITEMS, new Object[] {result.what(), result.ran(),
          result.succeeded(), names(result.failed()), names(result.skipped()),
          result.problems().toArray(new String[0]), result.headline(), result.group(),
          names(result.disabled())});
    } catch (OpenDataException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] names(List<InitcallRecord> records) {
    String[] names = new String[records.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = records.get(i).name();
    }
    return names;
  }
}
