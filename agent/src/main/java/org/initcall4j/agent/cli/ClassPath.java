package org.initcall4j.agent.cli;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A class path as {@code java -cp} reads it: entries separated by {@link File#pathSeparator}, an
 * empty entry meaning the working directory, {@code dir/*} meaning every jar in dir; each entry as
 * the URL the JVM's application class loader makes of it (canonical path), so that what is read
 * through it is named as the agent names it at start-up. Unlike {@code java}, an entry that does
 * not exist is an error: a check should not pass because of a typo.
 */
final class ClassPath {
  private ClassPath() {}

  static List<URL> urls(String classPath) throws CliException {
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator, -1)) {
      if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
        for (File jar : jarsIn(entry, new File(entry.substring(0, entry.length() - 1)))) {
          urls.add(url(jar));
        }
        continue;
      }
      File file = new File(entry.isEmpty() ? "." : entry);
      if (!file.exists()) {
        throw new CliException(CliException.USAGE, "class path entry '" + entry + "' does not"
            + " exist (" + file.getAbsolutePath() + "); give jars and directories separated by '"
            + File.pathSeparator + "', as for java -cp");
      }
      urls.add(url(file));
    }
    return urls;
  }

  /** The jars of a {@code dir/*} entry, in name order (java's is the directory's own). */
  private static List<File> jarsIn(String entry, File dir) throws CliException {
    File[] files = (entry.equals("*") ? new File(".") : dir).listFiles(
        file -> file.isFile() && (file.getName().endsWith(".jar")
            || file.getName().endsWith(".JAR")));
    if (files == null) {
      throw new CliException(CliException.USAGE, "class path entry '" + entry + "': "
          + dir.getAbsolutePath() + " is not a readable directory");
    }
    Arrays.sort(files);
    return Arrays.asList(files);
  }

  private static URL url(File file) throws CliException {
    try {
      return file.getCanonicalFile().toURI().toURL();
    } catch (IOException e) {
      throw new CliException(CliException.USAGE, "class path entry '" + file + "': " + e);
    }
  }
}
