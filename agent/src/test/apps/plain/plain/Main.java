package plain;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * An application without initcalls: the agent must leave no trace in it. With {@code wait} it
 * stays up until a line arrives on stdin, then says again which agent threads it sees.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    System.out.println("settings " + Settings.VALUE);
    // the agent starts its threads in premain, before main: any would be listed now
    System.out.println("threads " + agentThreads());
    if (args.length > 0 && args[0].equals("api")) {
      // what the api says under an agent that found nothing to run
      System.out.println("active " + org.initcall4j.Initcalls.isActive());
      System.out.println("flush ran " + org.initcall4j.Initcalls.flush());
    }
    if (args.length > 0 && args[0].equals("wait")) {
      System.out.println("app up");
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      System.out.println("threads at the end " + agentThreads());
    }
  }

  private static TreeSet<String> agentThreads() {
    TreeSet<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("initcall4j")) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
