package org.initcall4j.agent.index;

import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * The build-time index: the JVM's version of the kernel's {@code .initcall*.init} link section. One
 * resource per jar, one initcall a line, tab-separated, so the agent reads it without any parser
 * library:
 *
 * <pre>
 * # initcall4j index 1
 * name  LEVEL  class  method  after,after  before  partOf  deferred,async,main
 * </pre>
 *
 * <p>Flags are optional and unordered; {@code main} (must run on the booting thread) was added
 * without changing the header, so older indexes still read the same.
 */
public final class IndexFormat {

  /** Where the processor writes the index and the agent looks for it, in every jar. */
  public static final String RESOURCE = "META-INF/initcall4j/initcalls.idx";

  static final String HEADER = "# initcall4j index 1";
  private static final int COLUMNS = 8;

  private IndexFormat() {}

  /** One index line for a spec. */
  public static String format(InitcallSpec spec) {
    List<String> flags = new ArrayList<>(3);
    if (spec.deferred()) {
      flags.add("deferred");
    }
    if (spec.async()) {
      flags.add("async");
    }
    if (spec.mainThread()) {
      flags.add("main");
    }
    return String.join("\t",
        spec.name(),
        spec.level().name(),
        spec.className(),
        spec.methodName() == null ? "" : spec.methodName(),
        String.join(",", spec.after()),
        String.join(",", spec.before()),
        spec.partOf() == null ? "" : spec.partOf(),
        String.join(",", flags));
  }

  /** A whole index resource. */
  public static String formatAll(List<InitcallSpec> specs) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (InitcallSpec spec : specs) {
      out.append(format(spec)).append('\n');
    }
    return out.toString();
  }

  /**
   * Parses a whole index resource.
   *
   * @param source where the text came from, named in errors and in each spec's origin
   * @throws IndexFormatException naming the source and line of the first malformed line
   */
  public static List<InitcallSpec> parse(String text, String source) {
    List<InitcallSpec> specs = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      // Only the line ending is trimmed: empty trailing columns are tabs.
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      specs.add(parseLine(line, source, i + 1));
    }
    return specs;
  }

  private static InitcallSpec parseLine(String line, String source, int lineNumber) {
    String[] cells = line.split("\t", -1);
    if (cells.length != COLUMNS) {
      throw new IndexFormatException(source, lineNumber, "expected " + COLUMNS
          + " tab-separated columns, found " + cells.length
          + "; rebuild the jar with the initcall4j processor of this agent's version");
    }
    InitLevel level = InitLevel.parse(cells[1]);
    if (level == null) {
      throw new IndexFormatException(source, lineNumber, "unknown level '" + cells[1] + "'");
    }
    if (cells[0].isEmpty() || cells[2].isEmpty()) {
      throw new IndexFormatException(source, lineNumber, "name and class must not be empty");
    }
    boolean deferred = false;
    boolean async = false;
    boolean mainThread = false;
    for (String flag : split(cells[7])) {
      switch (flag) {
        case "deferred" -> deferred = true;
        case "async" -> async = true;
        case "main" -> mainThread = true;
        default -> throw new IndexFormatException(source, lineNumber, "unknown flag '" + flag + "'");
      }
    }
    String method = cells[3].isEmpty() ? null : cells[3];
    String origin = cells[2] + (method == null ? ".<clinit>" : "." + method + "()") + " in " + source;
    return new InitcallSpec(cells[0], level, cells[2], method, split(cells[4]), split(cells[5]),
        cells[6], deferred, async, mainThread, origin);
  }

  private static List<String> split(String csv) {
    if (csv.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : csv.split(",")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }
}
