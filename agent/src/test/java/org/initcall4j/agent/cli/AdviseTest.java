package org.initcall4j.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdviseTest {
  @Test
  void theConfigNamesTheCommandAsAShellTakesItBack() {
    assertEquals("sh -c 'rm -rf card && exec \"$@\"' sh java -Dcamera.dir=card -cp a.jar"
        + " 'it'\\''s' Main", Advise.shellWords(List.of("sh", "-c",
            "rm -rf card && exec \"$@\"", "sh", "java", "-Dcamera.dir=card", "-cp", "a.jar",
            "it's", "Main")));
  }

  @Test
  void aReasonIsShortenedToItsFirstClause() {
    assertEquals("it is an interface", Advise.shortReason("it is an interface, whose static"
        + " initializer the agent does not defer"));
  }
}
