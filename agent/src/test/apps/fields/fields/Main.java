package fields;

import java.util.EnumSet;
import org.initcall4j.Initcalls;
import testapp.Log;

/**
 * Reads and writes deferred classes' static fields from other classes: each class's deferred
 * initializer must run right before its first field access, never after it.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    for (String name : new String[] {"fields.Prices", "fields.Color", "fields.Outer",
        "fields.Outer$Inner", "fields.Base", "fields.Sub"}) {
      Class.forName(name); // a plugin scan: initializes the classes, uses none of them
    }
    Log.add("scanned");
    Prices.hits = 5; // a store first: the initializer runs before it, as the JVM would
    Log.add("hits " + Prices.hits + " tea " + Prices.TABLE.get("tea"));
    Log.add("switch " + describe(Color.GREEN));
    Log.add("all " + EnumSet.allOf(Color.class) + " " + Color.valueOf("RED"));
    Log.add("peek " + Outer.Inner.peek());
    Log.add("own " + Sub.OWN);
    Log.add("inherited " + InheritedRead.name());
    if (args.length == 0) { // "plain": run without the agent, to compare
      Log.add("flush ran " + Initcalls.flush());
    }
    System.out.println("log: " + Log.all());
  }

  private static String describe(Color color) {
    switch (color) { // javac reads Color's constants in a $SwitchMap$ class of its own
      case RED:
        return "red";
      case GREEN:
        return "green";
      default:
        return "?";
    }
  }
}
