package org.initcall4j.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's AOT cache (JDK 25, JEP 483/514) with the agent, in each mode: a cache trained with
 * the same {@code -javaagent} options serves nearly every class, leaves out exactly the classes
 * the agent rewrites, and the run behaves as it does without a cache (and as the training run
 * did): the same initcalls, in the same order, the deferred ones after the first picture. A cache
 * trained with other options is named, with the fix. Every run's stderr is merged into its
 * stdout, so that the agent's lines and the camera's come in the order they were printed.
 */
class AotCacheIT {
  /** The config mode defers the static initializer of the camera's USB server class. */
  private static final String CONFIG =
      "initcall.usb-files.class = org.initcall4j.demo.UsbMassStorage\n"
      + "initcall.usb-files.deferred = true\n";
  private static final Pattern CLASS_LOAD =
      Pattern.compile("\\[class,load\\] (\\S+) source: (.*)$");

  @TempDir
  static Path caches;
  private static final Map<String, Path> TRAINED = new HashMap<>();
  private static final Map<String, ForkedJvm.Result> TRAINING = new HashMap<>();

  @TempDir
  Path tmp;

  @Test
  void annotatedInitcallsDeferUnderACacheTrainedWithTheAgent() throws Exception {
    ForkedJvm.Result cached = runCached(camera("debug", "-XX:AOTCache=" + cache("debug")));

    assertEquals(0, cached.exitCode(), cached.describe());
    Loaded loaded = Loaded.from(cached);
    loaded.assertShareAtLeast(95, cached); // measured 96 %: the agent's own classes are the rest
    assertEquals(Set.of(), loaded.cameraClassesNotFromCache(), cached.describe());
    // the boot initcalls before the picture, the deferred ones at the camera's flush after it
    assertEquals(List.of("calling  storage @ main", "calling  sensor @ main", "first picture",
        "calling  crypto @ main", "calling  thumbnails @ main", "calling  usb @ main",
        "initcall4j: flush all: ran 3 initcalls"), events(cached), cached.describe());
    assertEquals(events(uncached("debug")), events(cached), "the same run without a cache");
    assertEquals(events(TRAINING.get("debug")), events(cached), "the same as the training run");
    // the MBean still waits for JMX: nothing of java.management came along with the cache
    assertFalse(cached.stdout().contains("java.lang.management."), cached.describe());
  }

  @Test
  void configDeferralStillDefersUnderACacheTrainedWithTheConfig() throws Exception {
    String options = "debug,config=" + config();
    String aot = "-XX:AOTCache=" + cache(options);

    ForkedJvm.Result flushed = runCached(camera(options, aot));
    assertEquals(0, flushed.exitCode(), flushed.describe());
    Loaded loaded = Loaded.from(flushed);
    loaded.assertShareAtLeast(92, flushed); // measured 94 %: the agent's transformer is the rest
    // the deferred class is left out of the cache (its rewrite would be lost) and comes from
    // its jar, rewritten; every other class of the camera comes from the cache
    assertEquals(Set.of("org.initcall4j.demo.UsbMassStorage"),
        loaded.cameraClassesNotFromCache(), flushed.describe());
    // usb, flushed after the picture, touches the class first: its initializer runs then
    assertEquals(List.of("calling  storage @ main", "calling  sensor @ main", "first picture",
        "calling  crypto @ main", "calling  thumbnails @ main", "calling  usb @ main",
        "calling  usb-files @ main", "initcall4j: flush all: ran 3 initcalls"),
        events(flushed), flushed.describe());
    assertEquals(events(uncached(options)), events(flushed), "the same run without a cache");
    assertEquals(events(TRAINING.get(options)), events(flushed), "the same as the training run");

    // not flushed: the class's initializer waits until the camera first touches the class,
    // when it looks for the gallery's address, after the picture
    ForkedJvm.Result touched = runCached(camera(options, aot, "--no-flush"));
    assertEquals(0, touched.exitCode(), touched.describe());
    assertEquals(List.of("calling  storage @ main", "calling  sensor @ main", "first picture",
        "camera: deferred modules left for a flush by the operator", "calling  usb-files @ main"),
        events(touched), touched.describe());
  }

  @Test
  void profileModeTimesTheSameInitializersUnderACacheTrainedWithProfile() throws Exception {
    ForkedJvm.Result cached = runCached(camera("profile", "-XX:AOTCache=" + cache("profile")));

    assertEquals(0, cached.exitCode(), cached.describe());
    Loaded loaded = Loaded.from(cached);
    loaded.assertShareAtLeast(93, cached); // measured 95 %
    Set<String> timed = Set.of("org.initcall4j.demo.Storage",
        "org.initcall4j.demo.UsbMassStorage");
    // the classes with a static initializer are timed, so left out of the cache
    assertEquals(timed, loaded.cameraClassesNotFromCache(), cached.describe());
    assertEquals(timed, timedClasses(cached), cached.describe());
    assertEquals(timedClasses(uncached("profile")), timed, "the same run without a cache");
    assertFalse(cached.stdout().contains("loaded before profile mode started"),
        cached.describe());
  }

  @Test
  void aCacheTrainedWithoutTheConfigOrProfileModeIsNamedWithTheFix() throws Exception {
    String aot = "-XX:AOTCache=" + cache("debug");

    // the cache loads the class before premain, as compiled: it cannot be rewritten any more
    ForkedJvm.Result config = runCached(camera("debug,config=" + config(), aot, "--no-flush"));
    assertEquals(0, config.exitCode(), config.describe());
    assertTrue(config.stdout().contains("initcall4j: org.initcall4j.demo.UsbMassStorage was"
        + " loaded before the agent could rewrite it: left as it was, so initcall usb-files runs"
        + " as plain code, not deferred or guarded (with the JDK's AOT cache, it was trained"
        + " without this config: train it again with the same -javaagent options)"),
        config.describe());
    assertFalse(events(config).contains("calling  usb-files @ main"), config.describe());

    ForkedJvm.Result profile = runCached(camera("profile", aot));
    assertEquals(0, profile.exitCode(), profile.describe());
    assertTrue(profile.stdout().contains("initcall4j profile: 2 classes with a static"
        + " initializer were loaded before profile mode started, so not timed:"
        + " org.initcall4j.demo.Storage, org.initcall4j.demo.UsbMassStorage (with the JDK's AOT"
        + " cache, it was trained without profile mode: train it again with the same -javaagent"
        + " options, or profile without -XX:AOTCache)"), profile.describe());
    assertEquals(Set.of(), timedClasses(profile), profile.describe());
  }

  /** The camera under the agent with these options on JDK 25, its stderr merged into stdout. */
  private ForkedJvm camera(String agentOptions, String jvmArg, String... args) {
    ForkedJvm jvm = ForkedJvm.of(Jdks.home("jdk25"))
        .launcher("sh", "-c", "exec \"$@\" 2>&1", "sh")
        .agent(agentOptions).jvmArg("-Dcamera.dir=" + tmp.resolve("card-" + System.nanoTime()));
    if (jvmArg != null) {
      jvm.jvmArg(jvmArg);
      if (jvmArg.startsWith("-XX:AOTCache=")) {
        jvm.jvmArg("-Xlog:class+load=info").jvmArg("-Xlog:aot=info");
      }
    }
    String jar = System.getProperty("initcall4j.camera.jar", "target/camera.jar");
    return jvm.jar(Paths.get(jar).toAbsolutePath(), args);
  }

  /**
   * Runs a JVM that maps a cache. Once in a few dozen runs on the loaded build machine the JVM
   * could not map it at all ("Unable to map shared spaces", before any class loads, the agent's
   * included) and went on without it; that run says nothing about the agent, so it runs again,
   * once.
   */
  private static ForkedJvm.Result runCached(ForkedJvm jvm) throws Exception {
    ForkedJvm.Result result = jvm.run();
    return result.stdout().contains("Unable to map shared spaces") ? jvm.run() : result;
  }

  private ForkedJvm.Result uncached(String agentOptions) throws Exception {
    ForkedJvm.Result result = camera(agentOptions, null).run();
    assertEquals(0, result.exitCode(), result.describe());
    return result;
  }

  /** A cache trained once per set of options: one run of the camera, flushing as usual. */
  private Path cache(String agentOptions) throws Exception {
    synchronized (TRAINED) {
      Path cache = TRAINED.get(agentOptions);
      if (cache == null) {
        cache = caches.resolve("camera-" + TRAINED.size() + ".aot");
        ForkedJvm.Result training = camera(agentOptions, "-XX:AOTCacheOutput=" + cache)
            .timeoutSeconds(180).run();
        assertEquals(0, training.exitCode(), training.describe());
        assertTrue(Files.isRegularFile(cache) && Files.size(cache) > 0, training.describe());
        TRAINED.put(agentOptions, cache);
        TRAINING.put(agentOptions, training);
      }
      return cache;
    }
  }

  private String config() throws IOException {
    Path file = caches.resolve("initcalls.properties");
    if (!Files.exists(file)) {
      Files.writeString(file, CONFIG);
    }
    return file.toString();
  }

  /** What the run did, in order: initcalls called, the picture, flushes, the camera's notes. */
  private static List<String> events(ForkedJvm.Result result) {
    List<String> events = new ArrayList<>();
    for (String line : result.stdoutLines()) {
      if (line.startsWith("calling  ") || line.startsWith("initcall4j: flush all")
          || line.startsWith("camera: deferred")) {
        events.add(line);
      } else if (line.startsWith("first picture after")) {
        events.add("first picture");
      }
    }
    return events;
  }

  /** The classes profile mode's blame list names. */
  private static Set<String> timedClasses(ForkedJvm.Result result) {
    Set<String> timed = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\s+[0-9.]+\\s+[0-9.]+\\s+(\\S+) \\[").matcher(
        result.stdout());
    while (row.find()) {
      timed.add(row.group(1));
    }
    return timed;
  }

  /** Where each class of a run came from, by {@code -Xlog:class+load}. */
  private record Loaded(int total, int fromCache, Set<String> cameraClassesNotFromCache) {
    static Loaded from(ForkedJvm.Result result) {
      int total = 0;
      int fromCache = 0;
      Set<String> camera = new TreeSet<>();
      for (String line : result.stdoutLines()) {
        Matcher load = CLASS_LOAD.matcher(line);
        if (!load.find()) {
          continue;
        }
        total++;
        if (load.group(2).equals("shared objects file")) {
          fromCache++;
        } else if (load.group(1).startsWith("org.initcall4j.demo.")
            && !load.group(1).contains("/")) { // not a lambda's hidden class, made at run time
          camera.add(load.group(1));
        }
      }
      return new Loaded(total, fromCache, camera);
    }

    void assertShareAtLeast(int percent, ForkedJvm.Result result) {
      assertTrue(total > 1000 && fromCache * 100L >= (long) total * percent, fromCache + " of "
          + total + " classes from the cache, fewer than " + percent + " %\n" + result.stdout());
      assertFalse(result.stdout().contains("[error][aot]"), "the cache was refused\n"
          + result.describe());
    }
  }
}
