package profile;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;

/** Static initializers of known cost, nesting, threads, failures and class loaders. */
public final class Main {
  public static void main(String[] args) throws Exception {
    System.out.println("outer=" + Outer.VALUE);
    try {
      Broken.touch();
    } catch (ExceptionInInitializerError e) {
      System.out.println("broken: " + e.getCause().getMessage());
    }
    Thread worker = new Thread(() -> System.out.println("worker=" + OnWorker.VALUE), "worker-1");
    worker.start();
    worker.join();
    Thread[] racers = new Thread[4];
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger sum = new java.util.concurrent.atomic.AtomicInteger();
    for (int i = 0; i < racers.length; i++) {
      racers[i] = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        sum.addAndGet(Contended.VALUE); // one thread initializes, the others wait for it
      }, "racer-" + i);
      racers[i].start();
    }
    go.countDown();
    for (Thread racer : racers) {
      racer.join();
    }
    System.out.println("contended=" + sum.get());
    System.out.println("color=" + Color.GREEN.code + " shape=" + Shape.UNIT + " point="
        + new Point(1, 2) + " plain=" + Plain.twice(21));
    URL jar = Main.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader detached = new URLClassLoader(new URL[] {jar}, null)) {
      System.out.println("detached=" + detached.loadClass("profile.ViaDetachedLoader")
          .getField("VALUE").get(null));
    }
    ClassLoader child = new ChildFirstLoader(Main.class.getClassLoader());
    System.out.println("child=" + child.loadClass("profile.ViaChildLoader")
        .getField("VALUE").get(null));
    if (args.length > 0 && args[0].equals("jmx")) {
      ReadOwnMBean.print();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Defines one class itself from the app jar's bytes; delegates everything else. */
  static final class ChildFirstLoader extends ClassLoader {
    ChildFirstLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals("profile.ViaChildLoader")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> done = findLoadedClass(name);
        if (done != null) {
          return done;
        }
        try (InputStream in = getParent().getResourceAsStream("profile/ViaChildLoader.class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (java.io.IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }
}

final class Outer {
  static final String VALUE;

  static {
    Main.sleep(150);
    VALUE = "outer+" + Inner.VALUE;
  }
}

final class Inner {
  static final String VALUE;

  static {
    Main.sleep(250);
    VALUE = "inner";
  }
}

final class Contended {
  static final int VALUE;

  static {
    Main.sleep(100);
    VALUE = 10;
  }
}

final class Broken {
  static {
    if (Boolean.parseBoolean("true")) {
      throw new IllegalStateException("no config");
    }
  }

  static void touch() {}
}

final class OnWorker {
  static final String VALUE;

  static {
    Main.sleep(60);
    VALUE = Thread.currentThread().getName();
  }
}

enum Color {
  RED(1), GREEN(2);

  final int code;

  Color(int code) {
    this.code = code;
  }
}

interface Shape {
  String UNIT = String.valueOf(Math.max(1, System.nanoTime() % 1)); // not a constant: needs <clinit>
}

record Point(int x, int y) {
  static final Point ORIGIN = new Point(0, 0);
}

final class Plain {
  static int twice(int n) {
    return 2 * n;
  }
}
