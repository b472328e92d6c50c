package lifecycle;

import java.nio.charset.StandardCharsets;
import org.initcall4j.Initcalls;

/** One scenario of the agent's exit and parked calls, named by the first argument. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    System.out.println("main: up pid=" + ProcessHandle.current().pid());
    switch (args[0]) {
      // a server started by an initcall, flushed by main, the flush policy or an operator
      case "server-flush" -> serve(true);
      case "server-ready" -> {
        Initcalls.ready();
        serve(false);
      }
      case "server-wait" -> serve(false);
      // a flush in progress when main returns, or calls System.exit
      case "ready-return" -> {
        Initcalls.ready();
        Modules.SLOW_STARTED.await();
      }
      case "ready-exit" -> {
        Initcalls.ready();
        Modules.SLOW_STARTED.await();
        System.out.println("main: exit");
        System.exit(0);
      }
      case "ready-exit-locked" -> {
        synchronized (Modules.SHARED) { // slow needs it for its first step
          Initcalls.ready();
          Modules.SLOW_STARTED.await();
          System.out.println("main: exit");
          System.exit(0);
        }
      }
      // parked calls never flushed
      case "parked" -> {
        Audit.log("a");
        Audit.log("b");
        Audit.log("c");
      }
      case "parked-exit" -> {
        Audit.log("a");
        Audit.log("b");
        Audit.log("c");
        System.out.println("main: exit");
        System.exit(3);
      }
      // a replay longer than exit.wait
      case "parked-slow" -> {
        for (String line : new String[] {"a", "slow-b", "c", "d"}) {
          Audit.log(line);
        }
      }
      // an initcall that ends the JVM itself, while main flushes it
      case "quit" -> {
        Sink.quit();
        Initcalls.flush("quit");
      }
      // one buffer reused for every call, as I/O code does
      case "reused-buffers" -> {
        byte[] buffer = new byte[3];
        char[][] rows = {new char[] {'a'}, new char[] {'b'}};
        for (String text : new String[] {"A-0", "B-1", "C-2"}) {
          System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, buffer, 0, 3);
          Sink.write(buffer);
        }
        Sink.grid(rows);
        rows[0][0] = 'x';
        rows[1] = new char[] {'y'};
        Sink.grid(rows);
        System.out.println("main: flush");
        Initcalls.flush();
      }
      // a mutable argument, replayed by reference as the config declares
      case "note" -> {
        StringBuilder text = new StringBuilder("first");
        Sink.note(text);
        text.append("+changed");
        Initcalls.flush("note");
      }
      // more calls than parked.max allows
      case "chatty" -> {
        for (String line : new String[] {"a", "b", "c", "d", "e"}) {
          Audit.log(line);
        }
        System.out.println("main: after calls");
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.println("main: end");
  }

  private static void serve(boolean flushHere) throws InterruptedException {
    if (flushHere) {
      Initcalls.flush("server");
    }
    Modules.SERVER_STARTED.await();
  }
}
