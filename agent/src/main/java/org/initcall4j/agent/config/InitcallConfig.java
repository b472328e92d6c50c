package org.initcall4j.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * The initcalls of a config file ({@code config=PATH}): initcalls over code the user cannot
 * annotate. Every line, key, value and target is checked before {@code main}; problems name the
 * file, line and key. Strict by default; with {@code lenient}, bad entries are reported and left
 * out.
 */
public final class InitcallConfig {
  /** The largest config file read: far beyond any real one, small enough to parse at once. */
  static final int MAX_BYTES = 1 << 20;

  private final List<ConfigEntry> entries;
  private final List<DisabledEntry> disabled;

  private InitcallConfig(List<ConfigEntry> entries, List<DisabledEntry> disabled) {
    this.entries = List.copyOf(entries);
    this.disabled = List.copyOf(disabled);
  }

  /**
   * Reads and checks a config file.
   *
   * @param loader the loader whose class path holds the targets' class files
   * @param warnings where lenient mode reports the entries it leaves out
   * @throws ConfigException listing every problem, unless lenient
   */
  public static InitcallConfig load(String path, boolean lenient, ClassLoader loader,
      PrintStream warnings) {
    String text;
    try {
      text = new String(readBounded(Path.of(path), path), StandardCharsets.UTF_8);
    } catch (InvalidPathException e) {
      throw ConfigException.unreadable(path, "not a valid path (" + e.getReason() + ")");
    } catch (NoSuchFileException e) {
      throw ConfigException.unreadable(path, "no such file");
    } catch (AccessDeniedException e) {
      throw ConfigException.unreadable(path, "permission denied");
    } catch (IOException e) {
      throw ConfigException.unreadable(path, e.toString());
    }
    return parse(text, path, lenient, loader, warnings);
  }

  /**
   * The file's bytes, if it is a regular file of at most {@link #MAX_BYTES}. Checked before it is
   * opened: opening a FIFO blocks until something writes to it, and a device such as
   * {@code /dev/zero} never ends. The read stops past the limit in case the file grows meanwhile.
   */
  private static byte[] readBounded(Path file, String path) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (attributes.isDirectory()) {
      throw ConfigException.unreadable(path, "it is a directory");
    }
    if (!attributes.isRegularFile()) {
      throw ConfigException.unreadable(path, "it is not a regular file (a pipe, device or"
          + " socket); copy the config into a file");
    }
    if (attributes.size() > MAX_BYTES) {
      throw tooLarge(path);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw tooLarge(path);
      }
      return bytes;
    }
  }

  private static ConfigException tooLarge(String path) {
    return ConfigException.unreadable(path, "it is larger than " + MAX_BYTES + " bytes (1 MiB),"
        + " the limit for a config file; a config names a few hundred initcalls at most, so"
        + " check that the path is the config");
  }

  static InitcallConfig parse(String text, String file, boolean lenient, ClassLoader loader,
      PrintStream warnings) {
    List<ConfigProblem> problems = new ArrayList<>();
    List<DisabledEntry> disabled = new ArrayList<>();
    List<ConfigEntry> entries = ConfigReader.read(text, file, problems, disabled);
    entries = TargetCheck.check(entries, loader, problems);
    if (!problems.isEmpty()) {
      // syntax is checked before targets; the user reads the file top to bottom
      problems.sort(Comparator.comparingInt(ConfigProblem::line));
      if (!lenient) {
        throw new ConfigException(problems);
      }
      Set<String> bad = new HashSet<>();
      for (ConfigProblem problem : problems) {
        warnings.println("initcall4j: " + problem + " (left out: option 'lenient')");
        bad.add(problem.entry());
      }
      // a disabled entry whose declaration was left out goes with it
      disabled.removeIf(entry -> bad.contains(entry.name()));
    }
    return new InitcallConfig(entries, disabled);
  }

  public List<ConfigEntry> entries() {
    return entries;
  }

  /** Every {@code initcall.<name>.disabled = true}, in file order. */
  public List<DisabledEntry> disabled() {
    return disabled;
  }

  public List<InitcallSpec> specs() {
    List<InitcallSpec> specs = new ArrayList<>(entries.size()); // no stream: premain runs this
    for (ConfigEntry entry : entries) {
      specs.add(entry.spec());
    }
    return specs;
  }
}
