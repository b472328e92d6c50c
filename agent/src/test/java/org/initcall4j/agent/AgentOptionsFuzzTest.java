package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.launch.LaunchTarget;
import org.initcall4j.agent.runtime.RuntimeSettings;
import org.initcall4j.agent.testing.Hostile;
import org.junit.jupiter.api.Test;

/**
 * Randomised agent option strings (valid ones mutated, tokens recombined, junk), given to
 * {@link AgentOptions#parse}, the first thing premain does, before it decides whether there is
 * anything to start: each is either rejected there with an {@link IllegalArgumentException} that
 * says what is wrong, or accepted and then built into everything premain or a later start
 * builds from it without another error. A value refused only by that later step would pass
 * premain (as {@code timeout.skip} without {@code timeout} did, to fail at the first flush). No
 * other exception escapes, so {@code premain} always reports and stops the JVM before anything
 * runs (the forked-JVM side is in {@code HostileInputIT}).
 */
class AgentOptionsFuzzTest {
  static final int CASES = 5_000;
  private static final String[] VALID = {
      "debug", "fatal", "async", "threads=2", "threads=256", "timeout=250ms", "timeout=5s",
      "timeout=2m", "timeout.skip", "profile", "profile.top=5", "profile.include=com.acme.*",
      "profile.exclude=com.acme.gen.**:org.x.?", "profile.out=target/blame.txt",
      "config=app.properties", "lenient", "disable=usb", "disable=usb:net.wifi", "control=off",
      "control=target/control", "jmx=on",
      "jmx=off", "flush=manual", "flush=ready", "flush=500ms", "report=target/report", "jfr",
      "main=com.acme.App", "exit.wait=5s", "exit.parked=drop", "exit.parked=replay",
      "parked.max=100", "profile.slow=5ms", "profile.suggest=target/suggest.properties",
      "profile.data=target/profile.tsv", "profile.calls", "ready=log:Started .* in",
      "ready=port:8080",
      "ready=exit", "control.delay=0", "control.delay=250ms"};
  private static final String[] KEYS = {
      "threads=", "timeout=", "flush=", "jmx=", "control=", "main=", "profile.top=",
      "profile.include=", "profile.out=", "report=", "config=", "exit.wait=", "exit.parked=",
      "parked.max=", "profile.slow=", "profile.suggest=", "profile.data=", "ready=log:",
      "ready=port:", "ready=", "control.delay=", ""};

  /** One generated option string: sometimes valid, mostly near-valid or hostile. */
  static String generate(Hostile hostile) {
    List<String> items = new ArrayList<>();
    int count = 1 + hostile.random().nextInt(5);
    for (int i = 0; i < count; i++) {
      String item = hostile.pick(VALID);
      if (hostile.chance(3)) {
        item = hostile.mutate(item);
      } else if (hostile.chance(6)) {
        item = hostile.pick(KEYS) + hostile.junk(4);
      } else if (hostile.chance(40)) {
        item = hostile.pick(KEYS) + hostile.huge();
      }
      items.add(item);
    }
    return String.join(hostile.chance(10) ? hostile.pick(",,", ";", ", ") : ",", items);
  }

  /**
   * Parses as premain does; returns null when accepted, the message when rejected. Accepted
   * options are then built as a start builds them: an error there fails the test.
   */
  static String rejection(String text) {
    AgentOptions options;
    try {
      options = AgentOptions.parse(text);
    } catch (IllegalArgumentException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "rejected without a message");
      return e.getMessage();
    }
    try {
      buildAsAStartDoes(options);
    } catch (IllegalArgumentException e) {
      fail("accepted by premain's parse, refused later: " + e.getMessage(), e);
    }
    // blank means no options at all
    for (String item : text.isBlank() ? new String[0] : text.split(",", -1)) {
      String key = item.strip();
      key = key.contains("=") ? key.substring(0, key.indexOf('=')).strip() : key;
      assertTrue(AgentOptions.KNOWN.containsKey(key), "accepted unknown option '" + key + "'");
    }
    return null;
  }

  /** What premain, a launcher's start or the idle agent's first use reads from the options. */
  private static void buildAsAStartDoes(AgentOptions options) {
    RuntimeSettings settings = options.runtime();
    assertTrue(settings.threads() >= 1 && settings.threads() <= 256, "threads out of range");
    assertTrue(!settings.skipOnTimeout() || settings.timeoutMillis() > 0, "skip without timeout");
    assertNotNull(options.control().flushPolicy());
    assertTrue(options.exit().waitMillis() >= 1, "exit.wait out of range");
    assertTrue(options.parkedMax() >= 1, "parked.max < 1");
    LaunchTarget.applicationMainClass(options.mainClass());
    if (options.profile() != null) {
      assertTrue(options.profile().top() >= 1, "profile.top < 1");
    }
  }

  /** A new option joins the fuzz (and its reading, {@code AgentOptions.readValues}). */
  @Test
  void everyKnownOptionIsGenerated() {
    for (String name : AgentOptions.KNOWN.keySet()) {
      assertTrue(List.of(VALID).stream().anyMatch(v -> v.equals(name) || v.startsWith(name + "=")),
          "option '" + name + "' is missing from VALID");
    }
  }

  @Test
  void everyOptionStringIsAcceptedInRangeOrRejectedWithAMessage() {
    int accepted = 0;
    int rejected = 0;
    for (long seed = 1; seed <= CASES; seed++) {
      Hostile hostile = new Hostile(seed);
      String text = generate(hostile);
      try {
        if (rejection(text) == null) {
          accepted++;
        } else {
          rejected++;
        }
      } catch (Throwable t) {
        fail("seed " + seed + ", options " + Hostile.show(text) + ": " + t, t);
      }
    }
    // both sides must be exercised for the test to mean anything
    assertTrue(accepted > CASES / 20, "accepted only " + accepted);
    assertTrue(rejected > CASES / 5, "rejected only " + rejected);
  }
}
