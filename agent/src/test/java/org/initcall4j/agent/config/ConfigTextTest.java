package org.initcall4j.agent.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The config's lines are split by hand as the regular expression split them. */
class ConfigTextTest {
  @Test
  void linesSplitAsTheRegexDid() {
    Random random = new Random(11);
    char[] alphabet = {'a', 'b', '\r', '\n', ' ', '\\'};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String t = text.toString();
      assertArrayEquals(t.split("\r\n|\r|\n", -1), ConfigLines.lines(t),
          t.replace("\r", "\\r").replace("\n", "\\n"));
    }
  }

}
