package org.initcall4j.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputComparisonTest {
  private static AppRun.Result run(int status, List<String> out, List<String> err) {
    return new AppRun.Result(out, err, status, 1, false);
  }

  @Test
  void numbersTimesAndTheAgentsLinesAreNotDifferences() {
    AppRun.Result reference = run(0, List.of("first picture after 812 ms: IMG_0001.JPG"),
        List.of());
    AppRun.Result other = run(0, List.of("first picture after 640 ms: IMG_0003.JPG"),
        List.of("initcall4j: flushing deferred initcalls (flush=ready, the application is"
            + " ready)", "NOTE: Picked up JDK_JAVA_OPTIONS: -javaagent:a.jar"));
    assertNull(OutputComparison.difference(reference, other));
  }

  @Test
  void aLineThatDiffersIsNamedWithItsStreamAndNumber() {
    assertEquals("stdout line 2: '(end)' instead of 'plugins [plugin]'", OutputComparison
        .difference(run(0, List.of("a", "plugins [plugin]"), List.of()),
            run(0, List.of("a"), List.of())));
  }

  @Test
  void anotherExitStatusComesWithWhatStderrSaid() {
    assertEquals("exit status 1 instead of 0; stderr line 1: 'Exception in thread \"main\""
        + " java.lang.IllegalStateException: storage is not mounted' instead of '(end)'",
        OutputComparison.difference(run(0, List.of("first picture"), List.of()),
            run(1, List.of(), List.of("Exception in thread \"main\""
                + " java.lang.IllegalStateException: storage is not mounted",
                "\tat Camera.main(Camera.java:12)"))));
  }
}
