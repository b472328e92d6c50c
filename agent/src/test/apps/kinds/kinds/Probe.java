package kinds;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Touches static initializers of many shapes; compiles with --release 8. */
public final class Probe implements Callable<String> {
  @Override
  public String call() {
    List<String> seen = new ArrayList<String>();
    seen.add("table=" + Tables.SUM + "/" + Tables.SQUARES.length);
    seen.add("color=" + Color.BLUE.describe() + "/" + Color.values().length);
    seen.add("switch=" + Switches.NAME);
    seen.add("config=" + Config.LIMIT + "/" + Config.SOURCE);
    seen.add("tries=" + Tries.TRACE);
    seen.add("loop=" + Loops.VALUE);
    seen.add("early=" + EarlyReturn.VALUE);
    try {
      seen.add("broken=" + Broken.VALUE);
    } catch (ExceptionInInitializerError e) {
      seen.add("broken threw " + e.getCause());
    }
    try {
      seen.add("broken again=" + Broken.VALUE);
    } catch (NoClassDefFoundError e) {
      seen.add("broken again threw " + e.getClass().getName());
    }
    try {
      seen.add("error=" + ThrowsError.VALUE);
    } catch (AssertionError e) {
      seen.add("error threw " + e.getMessage());
    }
    seen.add("outer=" + Outer.VALUE);
    return String.join("\n", seen);
  }
}

final class Tables {
  static final int[] SQUARES = new int[100];
  static final long SUM;

  static {
    long sum = 0;
    for (int i = 0; i < SQUARES.length; i++) {
      SQUARES[i] = i * i;
      sum += SQUARES[i];
    }
    SUM = sum;
  }
}

enum Color {
  RED, GREEN, BLUE;

  String describe() {
    return name().toLowerCase() + ordinal();
  }
}

final class Switches {
  static final String NAME;

  static {
    String name;
    switch (Color.valueOf("GREEN")) { // a $SwitchMap$ helper class with its own <clinit>
      case RED:
        name = "r";
        break;
      case GREEN:
        name = "g";
        break;
      default:
        name = "?";
    }
    switch ("b" + name) { // a string switch
      case "bg":
        NAME = "string-switch-" + name;
        break;
      default:
        NAME = "none";
    }
  }
}

interface Config {
  int LIMIT = Integer.parseInt("42"); // not a constant: interface <clinit>
  String SOURCE = Config.class.getSimpleName();
}

final class Tries {
  static final String TRACE;

  static {
    StringBuilder trace = new StringBuilder();
    try {
      trace.append("try;");
      Object nothing = null;
      nothing.hashCode();
    } catch (NullPointerException e) {
      trace.append("caught;");
    } finally {
      trace.append("finally;");
    }
    try {
      try {
        throw new IllegalStateException("inner");
      } finally {
        trace.append("inner-finally;");
      }
    } catch (IllegalStateException e) {
      trace.append(e.getMessage());
    }
    TRACE = trace.toString();
  }
}

final class Loops {
  static final int VALUE;

  static {
    int v = 0;
    outer:
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        if (i * j > 20) {
          continue outer;
        }
        v += i ^ j;
      }
    }
    VALUE = v;
  }
}

final class EarlyReturn {
  static int VALUE = 1;

  static {
    if (Integer.getInteger("kinds.never.set") == null) {
      VALUE = 7;
    } else {
      VALUE = 9;
    }
  }
}

final class Broken {
  static final int VALUE;

  static {
    if (Boolean.parseBoolean("true")) {
      throw new IllegalStateException("broken on purpose");
    }
    VALUE = 1;
  }
}

final class ThrowsError {
  static final int VALUE;

  static {
    if (Boolean.parseBoolean("true")) {
      throw new AssertionError("an Error passes through unwrapped");
    }
    VALUE = 1;
  }
}

final class Outer {
  static final String VALUE = "outer+" + Inner.VALUE;
}

final class Inner {
  static final String VALUE = "inner" + Tables.SUM;
}
