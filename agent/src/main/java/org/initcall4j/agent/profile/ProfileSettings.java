package org.initcall4j.agent.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.files.OwnDirectory;
import org.initcall4j.agent.files.UnsafeDirectoryException;

/**
 * Profile mode's settings, from options {@code profile.include=a.*:b.**},
 * {@code profile.exclude=...}, {@code profile.top=N}, {@code profile.out=FILE}; read and checked
 * by {@code AgentOptions} in premain.
 */
public record ProfileSettings(ClassSelection selection, int top, Path out) {
  public static final int DEFAULT_TOP = 20;

  /**
   * Checks the patterns and the output file.
   *
   * @param out the blame list's file, or null
   * @throws IllegalArgumentException naming the bad option and the fix
   */
  public static ProfileSettings of(List<String> include, List<String> exclude, int top,
      Path out) {
    return new ProfileSettings(new ClassSelection(patterns("profile.include", include),
        patterns("profile.exclude", exclude)), top, out == null ? null : checkedOut(out));
  }

  /** Where profile.out's file goes: the rules of the control directory. */
  static final OwnDirectory.Place OUT_PLACE = new OwnDirectory.Place(
      "profile.out's directory", "give profile.out a file in a directory of your own that only"
      + " you can write (the blame list also goes to stderr)");

  /**
   * Checked now, so that a typo or an unsafe directory is said before the run, not after it at
   * exit.
   */
  private static Path checkedOut(Path given) {
    Path file = given.toAbsolutePath();
    Path directory = file.getParent();
    if (Files.isDirectory(file) || directory == null || !Files.isDirectory(directory)) {
      throw new IllegalArgumentException("option 'profile.out=" + given + "': "
          + (Files.isDirectory(file) ? "that is a directory" : "no directory " + directory)
          + "; give a file in an existing directory (the blame list also goes to stderr)");
    }
    try {
      OwnDirectory.open(directory, OUT_PLACE).close();
    } catch (UnsafeDirectoryException e) {
      throw new IllegalArgumentException("option 'profile.out=" + given + "': "
          + e.getMessage());
    }
    return file;
  }

  private static List<ClassNamePattern> patterns(String option, List<String> texts) {
    List<ClassNamePattern> patterns = new ArrayList<>();
    for (String text : texts) {
      patterns.add(ClassNamePattern.parse(option, text.strip()));
    }
    return patterns;
  }
}
