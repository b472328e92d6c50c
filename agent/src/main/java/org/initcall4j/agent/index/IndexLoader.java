package org.initcall4j.agent.index;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * Merges the index resources of every jar and directory the application's class loader sees. A
 * resource lookup, not a class-path scan: the loader answers from its own jar directory. One
 * place outside the loader's view counts too: a Spring Boot jar unpacked and run as
 * {@code -cp BOOT-INF/classes:BOOT-INF/lib/*}, whose repackager left the index at the jar's root.
 */
public final class IndexLoader {
  private static final String UNPACKED_CLASSES = "BOOT-INF" + File.separator + "classes";

  private IndexLoader() {}

  public static List<InitcallSpec> load(ClassLoader loader) {
    List<InitcallSpec> specs = new ArrayList<>();
    try {
      for (URL url : locations(loader, systemClassPath(loader))) {
        specs.addAll(parse(url));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + IndexFormat.RESOURCE + ": " + e, e);
    }
    return specs;
  }

  /**
   * The initcalls of one index resource.
   *
   * @throws IndexFormatException naming the source and line of the first malformed line
   */
  public static List<InitcallSpec> parse(URL index) throws IOException {
    return IndexFormat.parse(read(index), sourceName(index));
  }

  /** Whether the loader sees any index, read or not (one resource lookup). */
  public static boolean anyIndex(ClassLoader loader) {
    try {
      return loader.getResources(IndexFormat.RESOURCE).hasMoreElements()
          || !unpackedBootJarIndexes(systemClassPath(loader)).isEmpty();
    } catch (IOException e) {
      return true; // the full start reads the index and reports this
    }
  }

  /**
   * Every index the loader sees, each once even when two views of the class path show the same
   * file, and those at the root of unpacked Spring Boot jars on {@code classPath}.
   *
   * @param classPath the class path of the loader, entries separated as in {@code -cp}
   */
  public static Collection<URL> locations(ClassLoader loader, String classPath)
      throws IOException {
    // keyed by text: URL.equals may resolve host names
    Map<String, URL> urls = new LinkedHashMap<>();
    Enumeration<URL> resources = loader.getResources(IndexFormat.RESOURCE);
    while (resources.hasMoreElements()) {
      URL url = resources.nextElement();
      urls.put(url.toExternalForm(), url);
    }
    for (URL url : unpackedBootJarIndexes(classPath)) {
      urls.put(url.toExternalForm(), url);
    }
    return urls.values();
  }

  /**
   * The index at the root of an unpacked Spring Boot jar whose {@code BOOT-INF/classes} is on
   * {@code classPath}: the repackager keeps {@code META-INF/} at the jar's root.
   */
  static List<URL> unpackedBootJarIndexes(String classPath) {
    if (!classPath.contains(UNPACKED_CLASSES)) {
      return List.of(); // a string check on every other class path
    }
    List<URL> found = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      File classes = new File(entry).getAbsoluteFile();
      if (!classes.getPath().endsWith(UNPACKED_CLASSES) || !classes.isDirectory()) {
        continue;
      }
      File index = new File(classes.getParentFile().getParentFile(),
          IndexFormat.RESOURCE.replace('/', File.separatorChar));
      if (index.isFile()) {
        try {
          found.add(index.toURI().toURL());
        } catch (MalformedURLException e) {
          // a file path always makes a URL
        }
      }
    }
    return found;
  }

  /** The JVM's class path for the system class loader; none for any other loader. */
  private static String systemClassPath(ClassLoader loader) {
    return loader == ClassLoader.getSystemClassLoader()
        ? System.getProperty("java.class.path", "") : "";
  }

  /**
   * One line for stderr when the application's loader sees the initcall4j api but no index, or
   * null: an application with {@code @Initcall} methods whose index was not written (the
   * processor did not run) or was lost on the way (a repackaged or shaded jar).
   */
  public static String missingIndexHint(ClassLoader loader) {
    if (loader.getResource("org/initcall4j/Initcall.class") == null) {
      return null;
    }
    String name = loader.getName() != null ? loader.getName() : loader.getClass().getName();
    return "initcall4j: no initcall index found: the class loader '" + name + "' sees the"
        + " initcall4j api but no " + IndexFormat.RESOURCE + ", so no @Initcall runs; the"
        + " annotation processor did not run (name it in the compiler's"
        + " annotationProcessorPaths), or the index was lost when the jar was repackaged or"
        + " shaded (see docs/launchers.md, 'When no initcall runs')";
  }

  private static String read(URL url) throws IOException {
    byte[] fromJar = readFromLocalJar(url);
    if (fromJar != null) {
      return new String(fromJar, StandardCharsets.UTF_8);
    }
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The entry of a {@code jar:file:...!/entry} URL, read with {@link ZipFile}, which shares the
   * class loader's open jar; null for any other URL, or when that fails (then the URL is read).
   * The URL's own connection ({@code JarURLConnection}) loads a dozen classes that are not in
   * the JDK's archive into premain, for one small file.
   */
  private static byte[] readFromLocalJar(URL url) {
    String text = url.toString();
    int bang = text.indexOf("!/");
    if (!text.startsWith("jar:file:") || bang < 0 || text.indexOf("!/", bang + 2) >= 0) {
      return null; // nested jars and other schemes go through their own handlers
    }
    try (ZipFile jar = new ZipFile(new File(URI.create(text.substring(4, bang))))) {
      ZipEntry entry = jar.getEntry(text.substring(bang + 2));
      if (entry == null) {
        return null;
      }
      try (InputStream in = jar.getInputStream(entry)) {
        return in.readAllBytes();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code file:/app.jar} rather than {@code jar:file:/app.jar!/META-INF/...}. */
  static String sourceName(URL url) {
    String text = url.toString();
    if (text.startsWith("jar:")) {
      int bang = text.indexOf("!/");
      return bang > 0 ? text.substring(4, bang) : text.substring(4);
    }
    return text;
  }
}
