package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ControlViewsTest {
  @Test
  void millisAreWrittenAsFormatWritesThem() {
    long[] edges = {0, 1, 499, 500, 501, 999, 1_000, 1_499, 1_500, 999_499, 999_500, 999_999,
        1_000_000, 1_234_500, 12_345_678_901L, 86_400_000_000_000L};
    for (long nanos : edges) {
      assertEquals(String.format(Locale.ROOT, "%.3f", nanos / 1e6), ControlViews.millis(nanos),
          nanos + " ns");
    }
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long nanos = random.nextInt(4) == 0 ? random.nextInt(10_000)
          : (random.nextLong() >>> 1) % 3_600_000_000_000L;
      assertEquals(String.format(Locale.ROOT, "%.3f", nanos / 1e6), ControlViews.millis(nanos),
          nanos + " ns");
    }
  }
}
