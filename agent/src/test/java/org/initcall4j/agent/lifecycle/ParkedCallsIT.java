package org.initcall4j.agent.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.initcall4j.agent.testing.ConfiguredRun;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.OnEachJdk;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parked arguments are the arguments of the call: arrays are copied when the call is parked,
 * parameter types not known to be immutable are refused by the config check unless replaying by
 * reference is declared, and the queue is bounded.
 */
class ParkedCallsIT {
  @TempDir
  Path dir;

  @OnEachJdk
  void callsReusingOneBufferAreReplayedWithTheContentsOfEachCall(String jdk) throws Exception {
    ForkedJvm.Result result = LifecycleApp.jvm(dir, jdk, "", "lifecycle.Main",
        "reused-buffers").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("sink A-0\nsink B-1\nsink C-2\n"),
        "not three copies of the last contents\n" + result.describe());
    assertTrue(result.stdout().contains("grid a b\ngrid x y\n"),
        "arrays of arrays are copied deep\n" + result.describe());
  }

  @OnEachJdk
  void overTheBoundTheCallerRunsTheInitcallAndNoCallIsLostOrReordered(String jdk)
      throws Exception {
    ForkedJvm.Result result = LifecycleApp.jvm(dir, jdk, "parked.max=2,", "lifecycle.Main",
        "chatty").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains(
        "audit a\naudit b\naudit c\naudit d\naudit e\nmain: after calls\n"), result.describe());
    assertTrue(result.stderr().contains("initcall4j: initcall audit: 2 calls of"
        + " lifecycle.Audit#log(java.lang.String) are parked, as many as parked.max=2 allows,"
        + " so this call runs the initcall now on thread main"), result.describe());
    assertFalse(result.stderr().contains("at exit: replayed"), "nothing is left for exit\n"
        + result.describe());
  }

  @OnEachJdk
  void aParameterTypeNotKnownToBeImmutableIsRefusedBeforeMainWithTheFix(String jdk)
      throws Exception {
    ForkedJvm.Result result = ConfiguredRun.of(dir, jdk, """
        initcall.note.method = lifecycle.Sink#note(java.lang.StringBuilder)
        initcall.note.deferred = true
        """, "", "lifecycle", "lifecycle.Main", "parked").run();

    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains(":1: initcall.note.method: parameter 1 of"
        + " lifecycle.Sink#note(java.lang.StringBuilder) is a java.lang.StringBuilder, which"
        + " is not known to be immutable:"), result.describe());
    assertTrue(result.stderr().contains("add initcall.note.replayByReference=true"),
        result.describe());
    assertFalse(result.stdout().contains("main: up"), result.describe());
  }

  @OnEachJdk
  void replayByReferenceIsAcceptedWhenDeclared(String jdk) throws Exception {
    ForkedJvm.Result result = ConfiguredRun.of(dir, jdk, """
        initcall.note.method = lifecycle.Sink#note(java.lang.StringBuilder)
        initcall.note.deferred = true
        initcall.note.replayByReference = true
        """, "", "lifecycle", "lifecycle.Main", "note").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("note first+changed\nmain: end"),
        "by reference: the replay sees the object as it is at the flush\n" + result.describe());
  }
}
