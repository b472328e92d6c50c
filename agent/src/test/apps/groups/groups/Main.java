package groups;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.initcall4j.Initcalls;
import testapp.RunCounts;

/**
 * A long-running app driven by lines on stdin: {@code flush}, {@code flush NAME},
 * {@code require NAME}, {@code counts}, {@code codecs} (uses the config's Codecs class),
 * {@code exit}; ends at exit or when stdin closes.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    System.out.println("app up pid=" + ProcessHandle.current().pid());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      try {
        if (line.equals("flush")) {
          System.out.println("api flush ran " + Initcalls.flush());
        } else if (line.startsWith("flush ")) {
          String name = line.substring("flush ".length());
          System.out.println("api flush " + name + " ran " + Initcalls.flush(name));
        } else if (line.startsWith("require ")) {
          String name = line.substring("require ".length());
          Initcalls.require(name);
          System.out.println("api require " + name + " ok");
        } else if (line.equals("counts")) {
          System.out.println("counts " + RunCounts.counts());
        } else if (line.equals("codecs")) {
          System.out.println("codecs " + Codecs.names());
        } else if (line.equals("exit")) {
          System.exit(0);
        } else {
          System.out.println("unknown " + line);
        }
      } catch (RuntimeException e) {
        System.out.println("api threw " + e);
      }
    }
  }
}
