package org.initcall4j.agent.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * Merges the index resources of every jar and directory a class loader sees. A resource lookup,
 * not a class-path scan: the loader answers from its own jar directory.
 */
public final class IndexLoader {

  private IndexLoader() {}

  public static List<InitcallSpec> load(ClassLoader loader) {
    List<InitcallSpec> specs = new ArrayList<>();
    try {
      Enumeration<URL> resources = loader.getResources(IndexFormat.RESOURCE);
      while (resources.hasMoreElements()) {
        URL url = resources.nextElement();
        specs.addAll(IndexFormat.parse(read(url), sourceName(url)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + IndexFormat.RESOURCE + ": " + e, e);
    }
    return specs;
  }

  private static String read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
