package org.initcall4j.demo;

/**
 * The camera's command line. Module settings that boot initcalls need before {@code main} are
 * system properties instead ({@code camera.dir}, {@code camera.port}, {@code camera.pin}).
 *
 * @param pictures how many pictures to take (at least 1)
 * @param serveMillis how long to serve the gallery after the pictures; -1 = until killed
 * @param deferral false: flush before the first picture, so every module starts first
 * @param flush true: flush the deferred modules after the first picture
 * @param eager true: start every module from main before the first picture, even under the
 *     agent, and use no initcall API but {@code Initcalls.ready()}: the camera as an application
 *     written without initcalls, for the advisor ({@code advise}) to find what to defer
 */
record CameraOptions(int pictures, long serveMillis, boolean deferral, boolean flush,
    boolean eager) {

  static final String USAGE = "usage: java [-javaagent:initcall-agent.jar[=debug]]"
      + " [-Dcamera.dir=DIR] [-Dcamera.port=N] -jar camera.jar"
      + " [--pictures=N] [--serve=0s|500ms|5s|2m|forever] [--no-defer] [--no-flush] [--eager]";

  /** @throws IllegalArgumentException naming the bad argument, with the usage */
  static CameraOptions parse(String... args) {
    int pictures = 1;
    long serveMillis = 0;
    boolean deferral = true;
    boolean flush = true;
    boolean eager = false;
    for (String arg : args) {
      if (arg.startsWith("--pictures=")) {
        pictures = parsePictures(arg.substring("--pictures=".length()));
      } else if (arg.startsWith("--serve=")) {
        serveMillis = parseServe(arg.substring("--serve=".length()));
      } else if (arg.equals("--no-defer")) {
        deferral = false;
      } else if (arg.equals("--no-flush")) {
        flush = false;
      } else if (arg.equals("--eager")) {
        eager = true;
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
      }
    }
    if (eager && (!deferral || !flush)) {
      throw new IllegalArgumentException("--eager starts every module from main, so there is"
          + " nothing for --no-defer or --no-flush to change; give --eager alone\n" + USAGE);
    }
    return new CameraOptions(pictures, serveMillis, deferral, flush, eager);
  }

  private static int parsePictures(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= 9999) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--pictures=" + text + ": give a number from 1 to 9999");
  }

  private static long parseServe(String text) {
    if (text.equals("forever")) {
      return -1;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)").matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("--serve=" + text
          + ": write a duration such as 500ms, 5s or 2m, or 'forever'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> n;
      case "s" -> n * 1000;
      default -> n * 60_000;
    };
  }
}
