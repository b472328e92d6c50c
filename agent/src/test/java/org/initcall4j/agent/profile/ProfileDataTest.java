package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileDataTest {
  private static final Finding EARLY = new Finding("a.Early", "main", -700_120_000L,
      120_004_000L, 130_100_000L, false, "a.Main.main", Finding.DEFERRABLE);
  private static final Finding ENUM = new Finding("a.Color", "main", -10_000_000L, 40_000_000L,
      40_000_000L, false, "a.Main.main", "it is an enum, whose constants are public");
  private static final Finding LATE = new Finding("a.Late$Inner", "worker", 5_000_000L,
      3_000_000L, 3_000_000L, false, null, Finding.DEFERRABLE);
  private static final Finding FAST = new Finding("a.Fast", "main", -1_000_000L, 10_000L,
      10_000L, false, null, Finding.NOT_CHECKED);

  // startAll calls preload and then warm; warm is refused; report is called twice; late after ready
  private static final CallFinding START_ALL = new CallFinding("a.Modules", "startAll", 1,
      "main", -600_000_000L, 400_000_000L, "a.Main.main", Finding.DEFERRABLE);
  private static final CallFinding PRELOAD = new CallFinding("a.Cache", "preload", 1, "main",
      -599_000_000L, 300_000_000L, "a.Modules.startAll", Finding.DEFERRABLE);
  private static final CallFinding WARM = new CallFinding("a.Jit$Warm", "warm", 1, "main",
      -290_000_000L, 50_000_000L, "a.Modules.startAll", "its first call threw, and ...");
  private static final CallFinding REPORT = new CallFinding("a.Report", "print", 2, "main",
      -100_000_000L, 20_000_000L, "a.Main.main", Finding.DEFERRABLE);
  private static final CallFinding ELSEWHERE = new CallFinding("a.Pool", "start", 1, "worker",
      -590_000_000L, 30_000_000L, "a.Pool.run", Finding.DEFERRABLE);
  private static final CallFinding AFTER = new CallFinding("a.Late", "run", 1, "main",
      2_000_000L, 30_000_000L, "a.Main.main", Finding.DEFERRABLE);
  private static final List<CallFinding> CALLS = List.of(START_ALL, PRELOAD, ELSEWHERE, WARM,
      REPORT, AFTER);

  @Test
  void readsBackWhatItWrote() {
    Findings written = new Findings(812_345_000L, 812_345_000L, "log:Started .* in",
        List.of(EARLY, ENUM, LATE, FAST));
    Findings read = ProfileData.parse(ProfileData.format(written));
    assertEquals(written, read);
  }

  @Test
  void readsBackTheCountedCallsToo() {
    Findings written = new Findings(812_345_000L, 812_345_000L, "exit", List.of(EARLY), CALLS);
    String text = ProfileData.format(written);
    assertTrue(text.startsWith("# initcall4j profile data 2\n"), text);
    assertTrue(text.contains("\n# method\tcalls\tthread\tsince ready ms\tfirst call ms\ttrigger"
        + "\tverdict\na.Modules#startAll()\t1\tmain\t-600.000\t400.000\ta.Main.main\t"
        + "deferrable\n"), text);
    assertEquals(written, ProfileData.parse(text));
  }

  @Test
  void aFileOfVersion1IsStillRead() {
    Findings read = ProfileData.parse("# initcall4j profile data 1\n# ready\t5.000\texit\n"
        + "# class\tthread\tsince ready ms\texclusive ms\tinclusive ms\tfailed\ttrigger"
        + "\tverdict\na.Early\tmain\t-700.120\t120.004\t130.100\tfalse\ta.Main.main"
        + "\tdeferrable\n");
    assertEquals(List.of(EARLY), read.all());
    assertEquals(List.of(), read.calls());
  }

  @Test
  void entryPointsAreCalledOnceBeforeReadyAcceptedAndInnermost() {
    Findings findings = new Findings(1, 1, "exit", List.of(), CALLS);
    assertEquals(List.of(START_ALL, PRELOAD, ELSEWHERE, WARM), findings.calledOnceBeforeReady());
    // startAll contains preload's call; warm's (refused) does not count; the pool's is on its
    // own thread
    assertEquals(List.of(PRELOAD, ELSEWHERE), findings.entryPointCandidates());
    assertEquals(List.of(START_ALL), findings.outerEntryPoints());
    assertTrue(START_ALL.contains(PRELOAD) && !PRELOAD.contains(START_ALL));
    assertTrue(!START_ALL.contains(ELSEWHERE), "another thread");
    Findings never = new Findings(-1, -1, null, List.of(), CALLS);
    assertEquals(List.of(), never.entryPointCandidates(), "without ready nothing is known");
  }

  @Test
  void callsStartingTogetherNestOnlyWhenOneIsShorter() {
    CallFinding outer = new CallFinding("a.A", "run", 1, "main", -5_000_000L, 3_000_000L, null,
        Finding.DEFERRABLE);
    CallFinding inner = new CallFinding("a.B", "run", 1, "main", -5_000_000L, 2_000_000L, null,
        Finding.DEFERRABLE);
    CallFinding twin = new CallFinding("a.C", "run", 1, "main", -5_000_000L, 3_000_000L, null,
        Finding.DEFERRABLE);
    assertTrue(outer.contains(inner) && !inner.contains(outer));
    assertTrue(!outer.contains(twin) && !twin.contains(outer));
  }

  @Test
  void candidatesAreSlowDeferrableAndBeforeReady() {
    Findings findings = new Findings(1, 1, "exit", List.of(EARLY, ENUM, LATE, FAST));
    assertEquals(List.of(EARLY), findings.candidates());
    assertEquals(List.of(EARLY, ENUM, LATE), findings.slowestFirst());
    Findings never = new Findings(-1, -1, null, List.of(EARLY));
    assertEquals(List.of(), never.candidates(), "without ready nothing is known to save");
  }

  @Test
  void theSuggestedConfigHasOneCommentedEntryPerClass() {
    assertEquals("""
        # from a test

        # 120.004 ms exclusive, initialized 700.120 ms before ready, triggered by a.Main.main
        initcall.a.Early.class = a.Early
        initcall.a.Early.deferred = true

        # 3.000 ms exclusive, initialized 5.000 ms after ready, triggered by (not known)
        initcall.a.Late_Inner.class = a.Late$Inner
        initcall.a.Late_Inner.deferred = true
        """, SuggestedConfig.format(List.of("from a test"), List.of(EARLY, LATE)));
  }

  @Test
  void theSuggestedConfigHasOneCommentedEntryPerEntryPoint() {
    assertEquals("""
        # from a test

        # 120.004 ms exclusive, initialized 700.120 ms before ready, triggered by a.Main.main
        initcall.a.Early.class = a.Early
        initcall.a.Early.deferred = true

        # 300.000 ms in its call, called 599.000 ms before ready, by a.Modules.startAll
        initcall.a.Cache.preload.method = a.Cache#preload()
        initcall.a.Cache.preload.deferred = true

        # 50.000 ms in its call, called 290.000 ms before ready, by a.Modules.startAll
        initcall.a.Jit_Warm.warm.method = a.Jit$Warm#warm()
        initcall.a.Jit_Warm.warm.deferred = true
        """, SuggestedConfig.format(List.of("from a test"), List.of(EARLY),
        List.of(PRELOAD, WARM)));
  }

  @Test
  void anotherFileIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ProfileData.parse("a=b\n"));
  }
}
