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
    // one pass with indexOf, no split: at start-up this runs interpreted, once per line of
    // every index, and the arrays and lists of split were most of its cost
    List<InitcallSpec> specs = new ArrayList<>();
    int lineNumber = 0;
    for (int start = 0; start <= text.length(); ) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNumber++;
      // Only the line ending is trimmed: empty trailing columns are tabs.
      int last = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      String line = text.substring(start, last);
      if (!line.isBlank() && !line.startsWith("#")) {
        specs.add(parseLine(line, source, lineNumber));
      }
      start = end + 1;
    }
    return specs;
  }

  /** The line's tab-separated cells, or null when there are not exactly {@link #COLUMNS}. */
  private static String[] cells(String line) {
    String[] cells = new String[COLUMNS];
    int start = 0;
    for (int i = 0; i < COLUMNS - 1; i++) {
      int tab = line.indexOf('\t', start);
      if (tab < 0) {
        return null;
      }
      cells[i] = line.substring(start, tab);
      start = tab + 1;
    }
    if (line.indexOf('\t', start) >= 0) {
      return null;
    }
    cells[COLUMNS - 1] = line.substring(start);
    return cells;
  }

  private static InitcallSpec parseLine(String line, String source, int lineNumber) {
    String[] cells = cells(line);
    if (cells == null) {
      throw new IndexFormatException(source, lineNumber, "expected " + COLUMNS
          + " tab-separated columns, found " + line.split("\t", -1).length
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
    StringBuilder origin = new StringBuilder(cells[2].length() + cells[3].length()
        + source.length() + 14).append(cells[2]); // sized: this runs once per line of every index
    if (method == null) {
      origin.append(".<clinit>");
    } else {
      origin.append('.').append(method).append("()");
    }
    origin.append(" in ").append(source);
    return new InitcallSpec(cells[0], level, cells[2], method, split(cells[4]), split(cells[5]),
        cells[6], deferred, async, mainThread, origin.toString());
  }

  private static List<String> split(String csv) {
    if (csv.isEmpty()) {
      return List.of();
    }
    if (csv.indexOf(',') < 0) { // the common case: one name, or one flag
      return csv.isBlank() ? List.of() : List.of(csv.strip());
    }
    List<String> out = new ArrayList<>();
    for (int start = 0; start <= csv.length(); ) {
      int comma = csv.indexOf(',', start);
      int end = comma < 0 ? csv.length() : comma;
      String part = csv.substring(start, end);
      if (!part.isBlank()) {
        out.add(part.strip());
      }
      start = end + 1;
    }
    return out;
  }
}
