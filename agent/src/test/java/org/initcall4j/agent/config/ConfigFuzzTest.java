package org.initcall4j.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.initcall4j.agent.testing.Hostile;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;

/**
 * Randomised config files (valid entries mutated, keys and values recombined, junk lines, odd
 * line endings and escapes): strict mode either accepts them or throws {@link ConfigException}
 * naming the file; lenient mode never throws and keeps only clean entries; no other exception
 * escapes, and checking a config never loads (so never initializes) a class.
 */
class ConfigFuzzTest {
  static final int CASES = 1_000;
  /** Valid entries, each a group of lines, over the test apps' real classes. */
  private static final String[][] ENTRIES = {
      {"initcall.clock.method=entry.Clock#start()", "initcall.clock.level=core",
          "initcall.clock.async=true"},
      {"initcall.usb.method=entry.Usb#connect(java.lang.String, int)",
          "initcall.usb.deferred=true", "initcall.usb.after=clock"},
      {"initcall.reset.method = entry.Usb#reset()", "initcall.reset.deferred: TRUE",
          "initcall.reset.partOf=usb"},
      {"initcall.catalog.class=lazy.Catalog", "initcall.catalog.deferred=true"},
      {"# comment"}, {"! comment"}, {""}};

  /** Counts class loading requests, which checking a config must never make. */
  private static final class WatchingLoader extends URLClassLoader {
    final AtomicInteger loads = new AtomicInteger();

    WatchingLoader(URL[] urls) {
      super(urls, null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      loads.incrementAndGet();
      return super.loadClass(name, resolve);
    }
  }

  static String generate(Hostile hostile) {
    List<String> lines = new ArrayList<>();
    for (String[] entry : ENTRIES) {
      if (hostile.chance(2)) {
        lines.addAll(List.of(entry));
      }
    }
    int edits = hostile.random().nextInt(3);
    for (int i = 0; i < edits; i++) {
      String line = lines.isEmpty() ? "" : lines.remove(hostile.random().nextInt(lines.size()));
      if (hostile.chance(2)) {
        line = hostile.mutate(line);
      } else if (hostile.chance(8)) {
        line = hostile.junk(6);
      } else if (hostile.chance(8)) {
        line = "initcall." + hostile.junk(3) + "." + hostile.pick("method", "class", "level",
            "after", "deferred", "async", "partOf") + hostile.pick("=", ":", " ") + hostile.junk(4);
      } else if (hostile.chance(60)) {
        line = "initcall.big.method=" + hostile.huge();
      }
      lines.add(hostile.random().nextInt(lines.size() + 1), line);
    }
    return String.join(hostile.pick("\n", "\r\n", "\r"), lines)
        + (hostile.chance(10) ? "\\" : "");
  }

  @Test
  void everyConfigIsAcceptedOrRejectedWithItsPlaceAndNothingIsLoaded() throws Exception {
    WatchingLoader loader = new WatchingLoader(new URL[] {
        TestApps.classes("entry").toUri().toURL(), TestApps.classes("lazy").toUri().toURL()});
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(warnings, true, StandardCharsets.UTF_8);
    int accepted = 0;
    int rejected = 0;
    for (long seed = 1; seed <= CASES; seed++) {
      String text = generate(new Hostile(seed));
      try {
        try {
          InitcallConfig strict = InitcallConfig.parse(text, "fuzz.properties", false, loader, out);
          strict.specs();
          accepted++;
        } catch (ConfigException e) {
          assertFalse(e.problems().isEmpty(), "rejected without a problem");
          assertTrue(e.getMessage().contains("fuzz.properties"), e.getMessage());
          rejected++;
        }
        InitcallConfig lenient = InitcallConfig.parse(text, "fuzz.properties", true, loader, out);
        for (var spec : lenient.specs()) {
          assertTrue(spec.name().matches("[A-Za-z0-9_][A-Za-z0-9_.-]*"), spec.name());
        }
        warnings.reset();
      } catch (Throwable t) {
        fail("seed " + seed + ", config " + Hostile.show(text) + ": " + t, t);
      }
    }
    assertEquals(0, loader.loads.get(), "checking a config must not load classes");
    assertTrue(accepted > CASES / 20, "accepted only " + accepted);
    assertTrue(rejected > CASES / 5, "rejected only " + rejected);
  }
}
