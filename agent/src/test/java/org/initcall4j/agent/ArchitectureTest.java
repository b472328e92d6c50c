package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package rules of {@code docs/architecture.md}: each package is in one layer and
 * uses only packages of lower layers, so no package cycle can form. Read from the compiled
 * classes (every class name, descriptor and string constant naming an agent class), not from
 * the sources, so that fully qualified names and generated references count too.
 */
class ArchitectureTest {
  /** Lowest first; a package may use the packages of the layers before its own. */
  static final List<List<String>> LAYERS = List.of(
      List.of("text", "files", "ready", "classfile"),   // helpers that know no initcall
      List.of("model"),                                 // what an initcall is
      List.of("index", "graph"),                        // the build-time index; the order
      List.of("config", "processor"),                   // the config file; javac's processor
      List.of("runtime"),                               // running initcalls
      List.of("hooks"),                                 // what rewritten application code calls
      List.of("transform", "profile", "launch"),        // instrumentation
      List.of("report", "jfr"),                         // what a run leaves behind
      List.of("control"),                               // the operator's files
      List.of("jmx"),                                   // the operator's MBean
      List.of("(root)"),                                // premain and the agent session
      List.of("cli"));                                  // the operator's command line

  private static final Path CLASSES = Path.of("target", "classes", "org", "initcall4j", "agent");
  private static final Pattern AGENT_CLASS =
      Pattern.compile("org/initcall4j/agent/((?:[a-z]+/)*)[A-Z]");

  @Test
  void everyPackageUsesOnlyLowerLayers() throws IOException {
    Map<String, Set<String>> uses = packageDependencies();
    Map<String, Integer> layerOf = new TreeMap<>();
    for (int layer = 0; layer < LAYERS.size(); layer++) {
      for (String name : LAYERS.get(layer)) {
        layerOf.put(name, layer);
      }
    }
    List<String> broken = new ArrayList<>();
    for (Map.Entry<String, Set<String>> entry : uses.entrySet()) {
      String from = entry.getKey();
      assertTrue(layerOf.containsKey(from), "package '" + from + "' is in no layer: add it to"
          + " LAYERS and to docs/architecture.md");
      for (String to : entry.getValue()) {
        if (!to.equals(from) && layerOf.getOrDefault(to, -1) >= layerOf.get(from)) {
          broken.add(from + " -> " + to);
        }
      }
    }
    assertEquals(List.of(), broken, "uses of a package in the same or a higher layer");
  }

  /** The rules above are only as good as the scan: it must see the known uses. */
  @Test
  void theScanSeesReferences() throws IOException {
    Map<String, Set<String>> uses = packageDependencies();
    assertTrue(uses.get("(root)").contains("runtime"), uses.toString());
    assertTrue(uses.get("config").contains("model"), uses.toString());
    assertTrue(uses.keySet().size() > 10, uses.keySet().toString());
  }

  /** Package (relative to org.initcall4j.agent; "(root)" for the root) to the packages it uses. */
  static Map<String, Set<String>> packageDependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    List<Path> classFiles;
    try (Stream<Path> files = Files.walk(CLASSES)) {
      classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
    }
    for (Path file : classFiles) {
      String relative = CLASSES.relativize(file.getParent()).toString().replace('\\', '/');
      if (relative.startsWith("shaded")) {
        continue;
      }
      Set<String> used = uses.computeIfAbsent(relative.isEmpty() ? "(root)" : relative,
          k -> new TreeSet<>());
      for (String text : utf8Constants(Files.readAllBytes(file))) {
        Matcher m = AGENT_CLASS.matcher(text);
        while (m.find()) {
          String pkg = m.group(1).isEmpty() ? "(root)"
              : m.group(1).substring(0, m.group(1).length() - 1);
          if (!pkg.startsWith("shaded")) {
            used.add(pkg);
          }
        }
      }
    }
    return uses;
  }

  /** The UTF-8 entries of a class file's constant pool: names, descriptors and strings. */
  private static List<String> utf8Constants(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    in.skipBytes(8); // magic, minor, major
    int count = in.readUnsignedShort();
    List<String> texts = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> texts.add(in.readUTF());
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++; // takes two slots
        }
        case 7, 8, 16, 19, 20 -> in.skipBytes(2);
        case 15 -> in.skipBytes(3);
        default -> throw new IOException("constant pool tag " + tag);
      }
    }
    return texts;
  }
}
