package control;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import org.initcall4j.Initcalls;

/**
 * A long-running app driven by lines on stdin (flush, flush in background, require NAME, ready,
 * counts, threads, live NAME, open gate, exit); ends at "exit" or when stdin closes.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    System.out.println("app up pid=" + ProcessHandle.current().pid());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      switch (line) {
        case "flush" -> System.out.println("api flush ran " + Initcalls.flush());
        case "flush in background" -> new Thread(
            () -> System.out.println("api flush ran " + Initcalls.flush()), "api-flush").start();
        case "ready" -> {
          Initcalls.ready();
          System.out.println("ready called");
        }
        case "counts" -> System.out.println("counts " + Modules.counts());
        case "threads" -> System.out.println("threads " + threads());
        case "open gate" -> {
          Modules.GATE.countDown();
          System.out.println("gate open");
        }
        case "exit" -> System.exit(0);
        default -> {
          if (line.startsWith("require ")) {
            System.out.println(require(line.substring("require ".length())));
          } else if (line.startsWith("live ")) {
            String name = line.substring("live ".length());
            System.out.println(line + " " + live(name));
          } else {
            System.out.println("unknown " + line);
          }
        }
      }
    }
  }

  /** Initcalls.require, said in one line: ok, or what it threw and its cause. */
  static String require(String name) {
    try {
      Initcalls.require(name);
      return "api require " + name + " ok";
    } catch (RuntimeException e) {
      return "api require " + name + " threw " + e + "; cause " + e.getCause();
    }
  }

  /** How many live threads have this name. */
  static long live(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name)).count();
  }

  static TreeSet<String> threads() {
    TreeSet<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("initcall4j")) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
