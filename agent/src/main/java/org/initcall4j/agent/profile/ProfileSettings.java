package org.initcall4j.agent.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Profile mode's settings, from options {@code profile.include=a.*:b.**},
 * {@code profile.exclude=...}, {@code profile.top=N}, {@code profile.out=FILE}; read and checked
 * by {@code AgentOptions} in premain.
 */
public record ProfileSettings(ClassSelection selection, int top, Path out) {
  public static final int DEFAULT_TOP = 20;

  /**
   * Checks the patterns and the output file.
   *
   * @param out the blame list's file, or null
   * @throws IllegalArgumentException naming the bad option and the fix
   */
  public static ProfileSettings of(List<String> include, List<String> exclude, int top,
      Path out) {
    return new ProfileSettings(new ClassSelection(patterns("profile.include", include),
        patterns("profile.exclude", exclude)), top, out == null ? null : ProfileOut.check(out));
  }

  private static List<ClassNamePattern> patterns(String option, List<String> texts) {
    List<ClassNamePattern> patterns = new ArrayList<>();
    for (String text : texts) {
      patterns.add(ClassNamePattern.parse(option, text.strip()));
    }
    return patterns;
  }
}
