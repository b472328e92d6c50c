package lifecycle;

import java.io.InputStream;
import org.initcall4j.Initcalls;

/**
 * Calls a deferred entry point again and again, flushes in the middle when asked, then idles
 * until it is stopped. Every step prints a progress line, so a test can stop it at any of them.
 *
 * <p>Arguments: the number of calls, and the call after which to flush (-1: never).
 */
public final class Chatty {
  private Chatty() {}

  public static void main(String[] args) throws Exception {
    int calls = Integer.parseInt(args[0]);
    int flushAfter = Integer.parseInt(args[1]);
    System.out.println("progress main");
    for (int i = 0; i < calls; i++) {
      System.out.println("call " + i);
      Audit.log(Integer.toString(i));
      System.out.println("called " + i);
      if (i % 5 == 0) {
        System.out.println("progress calls-" + i);
      }
      if (i == flushAfter) {
        Initcalls.flush("slow");
        Initcalls.flush("audit");
        System.out.println("progress flushed");
      }
      Thread.sleep(1); // some work between calls
    }
    System.out.println("progress idle");
    InputStream in = System.in;
    while (in.read() >= 0) {
      // idle until stopped
    }
  }
}
