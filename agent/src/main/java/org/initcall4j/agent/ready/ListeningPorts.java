package org.initcall4j.agent.ready;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a process listens on a TCP port, read from Linux's {@code /proc/net/tcp} and
 * {@code tcp6} (the listening sockets of the network namespace) and the process's open files
 * (which of those sockets are its own): nothing connects to the port, so the application sees
 * no extra connection.
 */
public final class ListeningPorts {
  private static final Path[] TABLES = {Paths.get("/proc/net/tcp"), Paths.get("/proc/net/tcp6")};
  private static final String LISTEN = "0A";

  private ListeningPorts() {}

  /** Whether this system has the tables to read. */
  public static boolean available() {
    return Files.isReadable(TABLES[0]);
  }

  /**
   * Whether one of the processes whose open files are in {@code fdDirectories} (such as
   * {@code /proc/self/fd}) listens on {@code port}.
   */
  public static boolean listening(int port, List<Path> fdDirectories) {
    List<String> inodes = listeningInodes(port);
    if (inodes.isEmpty()) {
      return false;
    }
    for (Path fds : fdDirectories) {
      if (holdsAny(fds, inodes)) {
        return true;
      }
    }
    return false;
  }

  /** The inodes of the sockets listening on {@code port}, any process's. */
  static List<String> listeningInodes(int port) {
    String hexPort = String.format(":%04X", port);
    List<String> inodes = new ArrayList<>();
    for (Path table : TABLES) {
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException e) {
        continue; // no IPv6 table, say
      }
      for (int i = 1; i < lines.size(); i++) {
        String[] columns = lines.get(i).trim().split("\\s+");
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
        if (columns.length > 9 && columns[3].equals(LISTEN) && columns[1].endsWith(hexPort)) {
          inodes.add(columns[9]);
        }
      }
    }
    return inodes;
  }

  private static boolean holdsAny(Path fds, List<String> inodes) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(fds)) {
      for (Path fd : files) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          continue; // closed meanwhile
        }
        if (target.startsWith("socket:[")
            && inodes.contains(target.substring(8, target.length() - 1))) {
          return true;
        }
      }
    } catch (IOException e) {
      return false; // the process is gone, or its files are not ours to read
    }
    return false;
  }
}
