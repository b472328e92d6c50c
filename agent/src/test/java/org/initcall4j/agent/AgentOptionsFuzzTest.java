package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.runtime.ExitSettings;
import org.initcall4j.agent.runtime.RuntimeSettings;
import org.initcall4j.agent.testing.Hostile;
import org.junit.jupiter.api.Test;

/**
 * Randomised agent option strings (valid ones mutated, tokens recombined, junk): each is either
 * accepted with every value in range, or rejected with an {@link IllegalArgumentException} that
 * says what is wrong. No other exception escapes, so {@code premain} always reports and stops the
 * JVM before anything runs (the forked-JVM side is in {@code HostileInputIT}).
 */
class AgentOptionsFuzzTest {
  static final int CASES = 5_000;
  private static final String[] VALID = {
      "debug", "fatal", "async", "threads=2", "threads=256", "timeout=250ms", "timeout=5s",
      "timeout=2m", "timeout.skip", "profile", "profile.top=5", "config=app.properties",
      "lenient", "exit.wait=5s", "exit.parked=drop", "exit.parked=replay", "parked.max=100"};

  /** One generated option string: sometimes valid, mostly near-valid or hostile. */
  static String generate(Hostile hostile) {
    List<String> items = new ArrayList<>();
    int count = 1 + hostile.random().nextInt(5);
    for (int i = 0; i < count; i++) {
      String item = hostile.pick(VALID);
      if (hostile.chance(3)) {
        item = hostile.mutate(item);
      } else if (hostile.chance(6)) {
        item = hostile.pick("threads=", "timeout=", "exit.wait=", "exit.parked=", "parked.max=",
            "") + hostile.junk(4);
      } else if (hostile.chance(40)) {
        item = hostile.pick("threads=", "timeout=", "config=") + hostile.huge();
      }
      items.add(item);
    }
    return String.join(hostile.chance(10) ? hostile.pick(",,", ";", ", ") : ",", items);
  }

  /** Parses as premain does; returns null when accepted, the message when rejected. */
  static String rejection(String text) {
    try {
      AgentOptions options = AgentOptions.parse(text);
      RuntimeSettings settings = AgentStart.runtimeSettings(options);
      assertTrue(settings.threads() >= 1 && settings.threads() <= 256, "threads out of range");
      assertTrue(!settings.skipOnTimeout() || settings.timeoutMillis() > 0, "skip without timeout");
      ExitSettings exit = ExitSettings.from(options);
      assertTrue(exit.waitMillis() >= 1, "exit.wait out of range");
      if (options.value("parked.max") != null) {
        assertTrue(AgentOptions.parkedMax(options.value("parked.max")) >= 1, "parked.max < 1");
      }
      // blank means no options at all
      for (String item : text.isBlank() ? new String[0] : text.split(",", -1)) {
        String key = item.strip();
        key = key.contains("=") ? key.substring(0, key.indexOf('=')).strip() : key;
        assertTrue(AgentOptions.KNOWN.containsKey(key), "accepted unknown option '" + key + "'");
      }
      return null;
    } catch (IllegalArgumentException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "rejected without a message");
      return e.getMessage();
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
