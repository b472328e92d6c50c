package org.initcall4j.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Milliseconds since this JVM's process started. {@code ProcessHandle.Info.startInstant()} is off
 * by up to a second on Linux (the boot time it adds is in whole seconds), and the management
 * API's start time would load JMX on the start-up path; so on Linux this reads the process start
 * (clock ticks since boot) and the uptime (1/100 s) from /proc, both with 10 ms resolution.
 */
final class JvmClock {
  private static final long TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture

  private JvmClock() {}

  static long millisSinceStart() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // fields after the command name (which may contain spaces) start after the last ')'
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long startTicks = Long.parseLong(fields[19]); // field 22 of the whole line
      String uptime = Files.readString(Path.of("/proc/uptime"));
      double uptimeSeconds = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
      return Math.round(uptimeSeconds * 1000) - startTicks * 1000 / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
      return Duration.between(start, Instant.now()).toMillis();
    }
  }
}
