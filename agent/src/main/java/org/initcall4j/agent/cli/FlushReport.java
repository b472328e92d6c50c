package org.initcall4j.agent.cli;

import java.io.PrintStream;
import javax.management.openmbean.CompositeData;

/**
 * What {@code flush} prints: on stdout what ran ({@code ran 2 initcalls}, {@code 1 of 2 initcalls
 * succeeded}, {@code nothing left to run}); on stderr each initcall asked for (or needed) that
 * failed or was skipped, with the error; and the exit status, 1 when there was any.
 */
final class FlushReport {
  private FlushReport() {}

  /**
   * @param data the MBean's answer (protocol version 2: the flush's open data)
   * @return the exit status
   */
  static int print(CompositeData data, String flushed, long pid, PrintStream out,
      PrintStream err) {
    String head = "flushed " + flushed + " in JVM " + pid + ": ";
    out.println(head + data.get("summary"));
    String[] problems = (String[]) data.get("problems");
    for (String problem : problems) {
      err.println("initcall4j: " + problem);
    }
    if (((String[]) data.get("failed")).length > 0) {
      err.println("initcall4j: the stack trace of each failure is on the stderr of JVM " + pid);
    }
    return problems.length == 0 ? 0 : CliException.FAILED;
  }
}
