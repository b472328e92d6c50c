package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The agent's own hidden names are told apart by hand exactly as the pattern says. */
class OwnHiddenNamesTest {
  private static final Pattern HIDDEN = Pattern.compile("\\.[a-z_]+\\.(tmp|[0-9]+)");

  @Test
  void ownHiddenNamesMatchThePattern() {
    String[] names = {".initcalls.tmp", ".deferred_initcalls.7", ".deferred_initcalls.1234",
        "deferred_initcalls", ".deferred_initcalls.", "..tmp", ".a.b.tmp", ".Initcalls.tmp",
        ".last_error.tmpx", ".x.12a", ".x.", ".", "", ".x.tmp.1"};
    for (String name : names) {
      assertEquals(HIDDEN.matcher(name).matches(), ControlDirectory.isOwnHidden(name), name);
    }
    Random random = new Random(5);
    String alphabet = "a_.t9mpZ";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder name = new StringBuilder();
      for (int n = random.nextInt(9); n > 0; n--) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = name.toString();
      assertEquals(HIDDEN.matcher(text).matches(), ControlDirectory.isOwnHidden(text), text);
    }
  }
}
