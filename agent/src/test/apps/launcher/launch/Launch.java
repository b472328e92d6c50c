package launch;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * A launcher that makes the application's class loader itself, as Spring Boot's and Quarkus's
 * do: {@code Launch CLASSPATH MAINCLASS args...}; the class path is not the JVM's.
 */
public final class Launch {
  private Launch() {}

  public static void main(String[] args) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : args[0].split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    ClassLoader loader = new URLClassLoader("launched", urls.toArray(new URL[0]),
        ClassLoader.getSystemClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    Class<?> main = Class.forName(args[1], false, loader);
    Method entry = main.getDeclaredMethod("main", String[].class);
    String[] rest = new String[args.length - 2];
    System.arraycopy(args, 2, rest, 0, rest.length);
    entry.invoke(null, (Object) rest);
  }
}
