package org.initcall4j.agent.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.initcall4j.agent.files.OwnDirectory;
import org.initcall4j.agent.files.UnsafeDirectoryException;

/**
 * The file of option {@code profile.out}: checked at start, written at exit, under the rules of
 * the control directory. A class of its own, so that a run without the option does not load the
 * directory checks.
 */
final class ProfileOut {
  /** Where profile.out's file goes: the rules of the control directory. */
  static final OwnDirectory.Place PLACE = new OwnDirectory.Place(
      "profile.out's directory", "give profile.out a file in a directory of your own that only"
      + " you can write (the blame list also goes to stderr)");

  private ProfileOut() {}

  /**
   * The file, checked now, so that a typo or an unsafe directory is said before the run, not
   * after it at exit.
   *
   * @throws IllegalArgumentException naming the option and the fix
   */
  static Path check(Path given) {
    Path file = given.toAbsolutePath();
    Path directory = file.getParent();
    if (Files.isDirectory(file) || directory == null || !Files.isDirectory(directory)) {
      throw new IllegalArgumentException("option 'profile.out=" + given + "': "
          + (Files.isDirectory(file) ? "that is a directory" : "no directory " + directory)
          + "; give a file in an existing directory (the blame list also goes to stderr)");
    }
    try {
      OwnDirectory.open(directory, PLACE).close();
    } catch (UnsafeDirectoryException e) {
      throw new IllegalArgumentException("option 'profile.out=" + given + "': "
          + e.getMessage());
    }
    return file;
  }

  /** Writes the blame list to the file; a failure is said on {@code err}. */
  static void write(Path out, String text, PrintStream err) {
    // checked again now: a link planted in the meantime is replaced, never written through
    try (OwnDirectory directory = OwnDirectory.open(out.getParent(), PLACE)) {
      directory.writeAtomically(out.getFileName().toString(), text, "rw-r--r--");
    } catch (UnsafeDirectoryException e) {
      err.println("initcall4j profile: profile.out=" + out + " not written: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      err.println("initcall4j profile: could not write profile.out=" + out + ": " + e);
    }
  }
}
