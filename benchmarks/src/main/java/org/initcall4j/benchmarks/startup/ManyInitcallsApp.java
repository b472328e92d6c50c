package org.initcall4j.benchmarks.startup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Writes an application with many trivial initcalls, compiled by the JDK's compiler with the
 * agent's annotation processor, so its jar carries the index as a real build's does. Initcall
 * {@code i<k>} is {@code gen.C<k / 100>.m<k>()}, adds one to a counter, and runs after up to
 * three earlier ones. {@code java -cp app.jar gen.Main call} calls every one from {@code main},
 * in index order; without {@code call}, {@code main} leaves them to the agent. Either way it
 * then prints {@code ran <count>}.
 */
final class ManyInitcallsApp {
  static final String MAIN = "gen.Main";
  private static final int PER_CLASS = 100;

  private ManyInitcallsApp() {}

  /** Writes {@code dir/app.jar} and returns it; {@code dir} also gets the sources and classes. */
  static Path write(Path dir, int initcalls, Path agentJar) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src/gen"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> files = new ArrayList<>();
    Random random = new Random(42);
    StringBuilder calls = new StringBuilder();
    for (int first = 0; first < initcalls; first += PER_CLASS) {
      String type = "C" + first / PER_CLASS;
      StringBuilder source = new StringBuilder("package gen;\n\nimport org.initcall4j.Initcall;\n\n"
          + "final class " + type + " {\n  private " + type + "() {}\n");
      for (int k = first; k < Math.min(initcalls, first + PER_CLASS); k++) {
        TreeSet<String> after = new TreeSet<>();
        for (int e = 0; e < 3 && k > 0; e++) {
          after.add("\"i" + random.nextInt(k) + "\"");
        }
        source.append("\n  @Initcall(name = \"i").append(k).append("\", after = {")
            .append(String.join(", ", after)).append("})\n  static void m").append(k)
            .append("() {\n    Ran.count++;\n  }\n");
        calls.append("      ").append(type).append(".m").append(k).append("();\n");
      }
      files.add(write(sources.resolve(type + ".java"), source.append("}\n")));
    }
    files.add(write(sources.resolve("Ran.java"), new StringBuilder(
        "package gen;\n\nfinal class Ran {\n  static int count;\n\n  private Ran() {}\n}\n")));
    files.add(write(sources.resolve("Main.java"), new StringBuilder("package gen;\n\n"
        + "public final class Main {\n  private Main() {}\n\n"
        + "  public static void main(String[] args) {\n    if (args.length > 0) {\n")
        .append(calls).append("    }\n    System.out.println(\"ran \" + Ran.count);\n  }\n}\n")));
    compile(files, classes, agentJar);
    return jar(classes, dir.resolve("app.jar"));
  }

  private static String write(Path file, StringBuilder text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file.toString();
  }

  /** javac with the agent jar as processor path; the api comes from this benchmark's jar. */
  private static void compile(List<String> files, Path classes, Path agentJar) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler: run the benchmarks on a JDK");
    }
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), "-processorpath", agentJar.toString()));
    args.addAll(files);
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    if (javac.run(null, messages, messages, args.toArray(new String[0])) != 0) {
      throw new IllegalStateException("the generated application did not compile:\n"
          + messages.toString(StandardCharsets.UTF_8));
    }
    if (!Files.isRegularFile(classes.resolve("META-INF/initcall4j/initcalls.idx"))) {
      throw new IllegalStateException("the annotation processor wrote no index into " + classes);
    }
  }

  private static Path jar(Path classes, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out);
        Stream<Path> tree = Files.walk(classes)) {
      for (Path entry : tree.filter(Files::isRegularFile).sorted().toList()) {
        jar.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
        Files.copy(entry, jar);
        jar.closeEntry();
      }
    }
    return file;
  }
}
