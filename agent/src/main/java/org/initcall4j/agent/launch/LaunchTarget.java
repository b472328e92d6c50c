package org.initcall4j.agent.launch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Finds the application's main class when the JVM starts a launcher that makes the application's
 * class loader itself (Spring Boot's {@code JarLauncher}, {@code WarLauncher},
 * {@code PropertiesLauncher}, and any launcher that names its application the same way): option
 * {@code main=CLASS}, else the {@code Start-Class} of the manifest the JVM was launched from, the
 * {@code -jar} file's or, for an exploded jar, the one in the directory holding the launched
 * class. A plain launch has no such class: the system class loader is the application's.
 *
 * <p>Called in every {@code premain}, so it costs a string check on a plain class path, one
 * manifest read for {@code -jar} (whose classes the JVM's launcher already loaded) and a file
 * check per class-path directory otherwise; nothing is loaded through a class loader.
 */
public final class LaunchTarget {
  /** The manifest attribute naming the application's main class behind a launcher. */
  public static final String START_CLASS = "Start-Class";

  private LaunchTarget() {}

  /**
   * The binary name of the application's main class when a launcher loads it, or null.
   *
   * @param named the value of option {@code main}, or null
   * @throws IllegalArgumentException when {@code named} is not a class name
   */
  public static String applicationMainClass(String named) {
    if (named != null) {
      return checkedClassName(named);
    }
    String command = System.getProperty("sun.java.command");
    String classPath = System.getProperty("java.class.path");
    if (command == null || command.isEmpty() || classPath == null || classPath.isEmpty()
        || System.getProperty("jdk.module.main") != null) {
      return null; // launched from the module path, or by an embedding native launcher
    }
    String startClass;
    if (isJarLaunch(command, classPath)) {
      startClass = startClassOfJar(new File(classPath));
    } else {
      int space = command.indexOf(' ');
      startClass = startClassOfExplodedJar(space < 0 ? command : command.substring(0, space),
          classPath);
    }
    return startClass == null ? null : startClass.strip();
  }

  /** {@code java -jar x.jar}: the class path is that one jar and the command starts with it. */
  static boolean isJarLaunch(String command, String classPath) {
    return command.startsWith(classPath)
        && (command.length() == classPath.length() || command.charAt(classPath.length()) == ' ')
        && classPath.indexOf(File.pathSeparatorChar) < 0;
  }

  private static String startClassOfJar(File jar) {
    try (JarFile file = new JarFile(jar, false)) {
      return startClass(file.getManifest());
    } catch (IOException | SecurityException e) {
      return null; // the JVM's launcher reports an unreadable jar itself
    }
  }

  /**
   * An unpacked launcher jar run as {@code java -cp DIR Launcher}: the manifest beside the
   * launched class in a class-path directory. Jars on a {@code -cp} are not opened here.
   */
  private static String startClassOfExplodedJar(String mainClass, String classPath) {
    String classFile = mainClass.replace('.', File.separatorChar) + ".class";
    for (String entry : classPath.split(File.pathSeparator, -1)) {
      File root = new File(entry.isEmpty() ? "." : entry);
      if (new File(root, classFile).isFile()) {
        File manifest = new File(root, JarFile.MANIFEST_NAME.replace('/', File.separatorChar));
        if (!manifest.isFile()) {
          return null;
        }
        try (InputStream in = Files.newInputStream(manifest.toPath())) {
          String start = startClass(new Manifest(in));
          return mainClass.equals(start) ? null : start;
        } catch (IOException | RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static String startClass(Manifest manifest) {
    if (manifest == null) {
      return null;
    }
    Attributes main = manifest.getMainAttributes();
    String start = main.getValue(START_CLASS);
    String launched = main.getValue(Attributes.Name.MAIN_CLASS);
    // a Start-Class that is the Main-Class itself names no launcher
    return start == null || start.isBlank() || start.strip().equals(
        launched == null ? null : launched.strip()) ? null : start;
  }

  public static String checkedClassName(String name) {
    String stripped = name.strip();
    boolean ok = !stripped.isEmpty();
    boolean partStart = true;
    for (int i = 0; ok && i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (c == '.') {
        ok = !partStart;
        partStart = true;
      } else {
        ok = partStart ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c);
        partStart = false;
      }
    }
    if (!ok || partStart) {
      throw new IllegalArgumentException("option 'main' must be the binary name of the"
          + " application's main class (e.g. main=com.acme.App), not '" + name + "'");
    }
    return stripped;
  }
}
