package org.initcall4j.agent.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The config's hand-written text checks agree with the regular expressions they replace. */
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

  @Test
  void namesMatchAsTheRegexDid() {
    Pattern name = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    Random random = new Random(13);
    String alphabet = "aZ09_.-#é ";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(6); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String t = text.toString();
      assertEquals(name.matcher(t).matches(), ConfigReader.isName(t), "'" + t + "'");
    }
  }
}
