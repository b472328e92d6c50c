package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

  @Test
  void readsBackWhatItWrote() {
    Findings written = new Findings(812_345_000L, 812_345_000L, "log:Started .* in",
        List.of(EARLY, ENUM, LATE, FAST));
    Findings read = ProfileData.parse(ProfileData.format(written));
    assertEquals(written, read);
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
  void anotherFileIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ProfileData.parse("a=b\n"));
  }
}
