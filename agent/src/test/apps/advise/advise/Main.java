package advise;

import java.net.ServerSocket;
import java.util.List;

/**
 * An application for the advisor, with static initializers of known cost and kind. Before it is
 * ready it uses NeededEarly (slow, deferrable, needed) and Defaults (a slow interface), starts its
 * services (startServices, an entry point that calls the two below, so it is not tried itself:
 * Index.build, whose deferral nothing shows, and Banner.show, which prints), and a "scan"
 * initializes Catalog (a public static field), Color (an enum), Report and Plugin without using
 * them. It is ready when it prints "Started", opens its port or ends (the argument says
 * which; "api" calls Initcalls.ready(); "wait" waits for the index to be built before it is
 * ready, so a parked Index.build keeps it from ever being ready); with a port it waits for a
 * line on stdin. After ready it
 * uses Report, Catalog's field and Color in a switch, lists what Plugin registered (which a
 * deferred Plugin would not have done), and initializes Late (slow, after ready).
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "log";
    long start = System.nanoTime();
    System.out.println("early " + NeededEarly.value());
    System.out.println("defaults " + Defaults.NAMES);
    startServices();
    while (mode.equals("wait") && !Index.SHARED.built()) {
      Thread.sleep(5);
    }
    for (String name : List.of("advise.Catalog", "advise.Color", "advise.Report",
        "advise.Plugin")) {
      Class.forName(name); // a scan: initializes, uses nothing
    }
    ServerSocket server = null;
    if (mode.startsWith("port:")) {
      server = new ServerSocket(Integer.parseInt(mode.substring(5)));
    }
    if (mode.equals("api")) {
      org.initcall4j.Initcalls.ready();
    }
    System.out.println("Started advise app in " + (System.nanoTime() - start) / 1_000_000
        + " ms");
    if (server != null) {
      // a server stays up: until a line on stdin says to go on
      new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
    }
    System.out.println("report " + Report.summary());
    System.out.println("items " + Catalog.ITEMS.size());
    System.out.println("color " + describe(Color.RED));
    System.out.println("plugins " + Registry.names());
    System.out.println("late " + Late.value());
    if (server != null) {
      server.close();
    }
  }

  private static void startServices() {
    Index.SHARED.build();
    Banner.show();
  }

  private static String describe(Color color) {
    switch (color) { // javac reads the constants in a $SwitchMap$ class of its own
      case RED:
        return "red " + color.code();
      default:
        return "other";
    }
  }
}
