package org.initcall4j.agent.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Profile mode's settings, from options {@code profile.include=a.*:b.**},
 * {@code profile.exclude=...}, {@code profile.top=N}, {@code profile.out=FILE},
 * {@code profile.slow=DURATION}, {@code profile.suggest=FILE}, {@code profile.data=FILE},
 * {@code profile.calls}; read and checked by {@code AgentOptions} in premain.
 *
 * @param slowMillis from this exclusive time on, a static initializer's trigger and the config
 *     check's verdict are recorded, and it is a candidate for deferral
 * @param suggest the candidate config's file, or null
 * @param data the file of one line per timed static initializer, or null
 * @param calls whether the calls of the methods that could be deferred entry points are counted
 *     and their first call timed (for the advisor; it rewrites nearly every class)
 */
public record ProfileSettings(ClassSelection selection, int top, Path out, long slowMillis,
    Path suggest, Path data, boolean calls) {
  public static final int DEFAULT_TOP = 20;
  public static final long DEFAULT_SLOW_MILLIS = 2;

  /**
   * Checks the patterns and the output file.
   *
   * @param out the blame list's file, or null
   * @throws IllegalArgumentException naming the bad option and the fix
   */
  public static ProfileSettings of(List<String> include, List<String> exclude, int top,
      Path out, long slowMillis, Path suggest, Path data, boolean calls) {
    return new ProfileSettings(new ClassSelection(patterns("profile.include", include),
        patterns("profile.exclude", exclude)), top, checked("profile.out", out), slowMillis,
        checked("profile.suggest", suggest), checked("profile.data", data), calls);
  }

  private static Path checked(String option, Path file) {
    return file == null ? null : ProfileOut.check(option, file);
  }

  private static List<ClassNamePattern> patterns(String option, List<String> texts) {
    List<ClassNamePattern> patterns = new ArrayList<>();
    for (String text : texts) {
      patterns.add(ClassNamePattern.parse(option, text.strip()));
    }
    return patterns;
  }
}
