package calls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Calls void methods without parameters of many shapes, some several times; compiles with
 * --release 8. What it returns must not change when their calls are counted.
 */
public final class Probe implements Callable<String> {
  @Override
  public String call() {
    final List<String> seen = new ArrayList<String>();
    Modules.startAll();
    Modules.startAll();
    Counter counter = new Counter();
    for (int i = 0; i < 5; i++) {
      counter.tick();
    }
    counter.recurse();
    seen.add("counter=" + counter.value());
    try {
      Failing.fail();
    } catch (IllegalStateException e) {
      seen.add("caught " + e.getMessage());
    }
    Runnable lambda = new Runnable() {
      @Override
      public void run() {
        seen.add("anonymous run");
      }
    };
    lambda.run();
    Runnable bare = Probe::noop; // javac's method reference: no synthetic body
    bare.run();
    Shape shape = new Circle();
    shape.draw();
    seen.add("drawn=" + Circle.drawn);
    Shapes.locked();
    seen.add("branches=" + Shapes.branches(3) + "," + Shapes.branches(7) + "," + Shapes.branches(-1));
    Shapes.loopAtStart();
    seen.add("loops=" + Shapes.loops);
    seen.add("modules=" + Modules.started);
    return String.join("\n", seen);
  }

  static void noop() {
    // nothing
  }
}

final class Modules {
  static int started;

  private Modules() {}

  static void startAll() {
    if (started == 0) {
      Cache.preload();
    }
    started++;
  }
}

final class Cache {
  private Cache() {}

  static void preload() {
    try {
      Thread.sleep(30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

final class Counter {
  private int value;
  private int depth;

  void tick() {
    value++;
  }

  void recurse() {
    depth++;
    if (depth < 3) {
      recurse();
    }
    value += 10;
  }

  int value() {
    return value;
  }
}

final class Failing {
  private Failing() {}

  static void fail() {
    throw new IllegalStateException("failed on purpose");
  }
}

interface Shape {
  void draw();
}

final class Circle implements Shape {
  static int drawn;

  @Override
  public void draw() {
    drawn++;
  }
}

final class Shapes {
  static int loops;

  private Shapes() {}

  static synchronized void locked() {
    loops += 100;
  }

  /** Returns from inside a switch and a try/finally: several returns. */
  static String branches(int n) {
    final StringBuilder out = new StringBuilder();
    new Object() {
      void walk() {
        try {
          switch (n) {
            case 3:
              out.append("three");
              return;
            case 7:
              out.append("seven");
              break;
            default:
              if (n < 0) {
                out.append("negative");
                return;
              }
          }
          out.append("+");
        } finally {
          out.append("!");
        }
      }
    }.walk();
    return out.toString();
  }

  /** A loop whose head is the method's first instruction: a frame at offset 0. */
  static void loopAtStart() {
    do {
      loops++;
    } while (loops % 4 != 0);
  }
}

/** Only data: no method the calls are counted of. */
final class OnlyData {
  int value;

  OnlyData(int value) {
    this.value = value;
  }
}
