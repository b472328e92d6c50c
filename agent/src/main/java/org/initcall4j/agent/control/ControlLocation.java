package org.initcall4j.agent.control;

import java.nio.file.Path;

/**
 * Where the control directory goes: {@code control=DIR}, or by default
 * {@code <java.io.tmpdir>/initcall4j-<pid>}. Any local user can make that name first (a pid is
 * easy to guess), so when the default is taken by something unsafe the directory gets a fresh
 * unpredictable name beside it instead of being switched off, and one stderr line says where.
 * Wherever it is, the system property {@link #DIRECTORY_PROPERTY} names it for an
 * operator's tool, which reads it through the Attach API.
 */
public final class ControlLocation {
  /**
   * The system property naming the control directory in use (absolute path), set once it is
   * open: an operator's tool reads it when there is no MBean to ask.
   */
  public static final String DIRECTORY_PROPERTY = "initcall4j.control.directory";

  private ControlLocation() {}

  /**
   * Opens (or creates) the control directory; stale files a killed JVM left in one it did not
   * create are removed.
   *
   * @throws ControlDirectoryException when it cannot be used; with control=DIR there is no
   *     other place, since the operator chose that one
   */
  static ControlDirectory open(ControlOptions options) throws ControlDirectoryException {
    ControlDirectory directory;
    if (options.directory() != null) {
      directory = ControlDirectory.open(options.directory());
    } else {
      Path usual = options.directoryOrDefault();
      try {
        directory = ControlDirectory.open(usual);
      } catch (ControlDirectoryException taken) {
        directory = ControlDirectory.openFresh(usual.getParent(), usual.getFileName() + "-");
        System.err.println("initcall4j: the control directory is " + directory.path()
            + " (java -jar initcall-agent.jar status " + ControlOptions.currentPid()
            + " shows it) instead of the usual one: " + taken.getMessage());
      }
    }
    if (!directory.created()) {
      directory.removeStale(ControlFiles.NAMES); // views a killed JVM left there are stale
    }
    System.setProperty(DIRECTORY_PROPERTY, directory.path().toString());
    return directory;
  }
}
