package org.initcall4j.agent.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.initcall4j.agent.files.OwnDirectory;
import org.initcall4j.agent.files.UnsafeDirectoryException;

/**
 * The files of options {@code profile.out}, {@code profile.suggest} and {@code profile.data}:
 * checked at start, written at exit, under the rules of the control directory. A class of its
 * own, so that a run without them does not load the directory checks.
 */
final class ProfileOut {
  private ProfileOut() {}

  /** Where the option's file goes: the rules of the control directory. */
  private static OwnDirectory.Place place(String option) {
    return new OwnDirectory.Place(option + "'s directory", "give " + option + " a file in a"
        + " directory of your own that only you can write");
  }

  /**
   * The file, checked now, so that a typo or an unsafe directory is said before the run, not
   * after it at exit.
   *
   * @throws IllegalArgumentException naming the option and the fix
   */
  static Path check(String option, Path given) {
    Path file = given.toAbsolutePath();
    Path directory = file.getParent();
    if (Files.isDirectory(file) || directory == null || !Files.isDirectory(directory)) {
      throw new IllegalArgumentException("option '" + option + "=" + given + "': "
          + (Files.isDirectory(file) ? "that is a directory" : "no directory " + directory)
          + "; give a file in an existing directory");
    }
    try {
      OwnDirectory.open(directory, place(option)).close();
    } catch (UnsafeDirectoryException e) {
      throw new IllegalArgumentException("option '" + option + "=" + given + "': "
          + e.getMessage());
    }
    return file;
  }

  /** Writes the option's file; a failure is said on {@code err}. */
  static void write(String option, Path out, String text, PrintStream err) {
    // checked again now: a link planted in the meantime is replaced, never written through
    try (OwnDirectory directory = OwnDirectory.open(out.getParent(), place(option))) {
      directory.writeAtomically(out.getFileName().toString(), text, "rw-r--r--");
    } catch (UnsafeDirectoryException e) {
      err.println("initcall4j profile: " + option + "=" + out + " not written: "
          + e.getMessage());
    } catch (IOException | RuntimeException e) {
      err.println("initcall4j profile: could not write " + option + "=" + out + ": " + e);
    }
  }
}
