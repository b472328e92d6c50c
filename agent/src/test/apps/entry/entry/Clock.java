package entry;

import org.initcall4j.Initcall;
import org.initcall4j.Level;
import testapp.Log;

/** An annotated initcall the config's initcalls are ordered against. */
final class Clock {
  private Clock() {}

  @Initcall(name = "clock", level = Level.CORE)
  static void start() {
    Log.add("clock");
  }
}
