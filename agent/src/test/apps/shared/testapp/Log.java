package testapp;

import java.util.ArrayList;
import java.util.List;

/** What ran, in order, printed as it happens and at the end; never deferred itself. */
public final class Log {
  private static final List<String> EVENTS = new ArrayList<>();

  private Log() {}

  public static synchronized void add(String event) {
    System.out.println("event: " + event);
    EVENTS.add(event);
  }

  public static synchronized String all() {
    return String.join(", ", EVENTS);
  }
}
