package org.initcall4j.agent.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.AgentOptions;

/**
 * The profile-mode options: {@code profile}, {@code profile.include=a.*:b.**},
 * {@code profile.exclude=...}, {@code profile.top=N}, {@code profile.out=FILE}.
 */
record ProfileSettings(ClassSelection selection, int top, Path out) {
  static final int DEFAULT_TOP = 20;

  /**
   * Reads the options.
   *
   * @throws IllegalArgumentException naming the bad option and the fix
   */
  static ProfileSettings from(AgentOptions options) {
    if (!options.flag("profile")) {
      throw new IllegalArgumentException("the profile.* options only apply in profile mode:"
          + " add the flag 'profile' (e.g. -javaagent:initcall-agent.jar=profile,profile.top=30)");
    }
    return new ProfileSettings(
        new ClassSelection(patterns(options, "profile.include"),
            patterns(options, "profile.exclude")),
        top(options.value("profile.top")),
        options.value("profile.out") == null ? null
            : ProfileOut.check(options.value("profile.out")));
  }

  private static List<ClassNamePattern> patterns(AgentOptions options, String option) {
    List<ClassNamePattern> patterns = new ArrayList<>();
    String value = options.value(option);
    if (value != null) {
      for (String text : value.split(":", -1)) {
        patterns.add(ClassNamePattern.parse(option, text.strip()));
      }
    }
    return patterns;
  }

  private static int top(String value) {
    if (value == null) {
      return DEFAULT_TOP;
    }
    try {
      int top = Integer.parseInt(value);
      if (top > 0) {
        return top;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("option 'profile.top=" + value + "' must be a whole"
        + " number of lines greater than 0, e.g. profile.top=50");
  }
}
