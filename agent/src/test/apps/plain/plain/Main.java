package plain;

import java.util.TreeSet;

/** An application without initcalls: the agent must leave no trace in it. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Thread.sleep(300); // time enough for a control thread to show, if one were started
    TreeSet<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("initcall4j")) {
        names.add(t.getName());
      }
    }
    System.out.println("threads " + names);
  }
}
