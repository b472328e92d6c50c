package org.initcall4j.agent.model;

/**
 * What an initcall name may be, the one rule the annotation processor, the config reader and
 * the control directory all check: letters, digits, {@code _}, {@code .} and {@code -}, not
 * starting with {@code .} or {@code -} (a name is also a file name and a command-line word).
 */
public final class InitcallName {
  /** The rule as the error messages state it. */
  public static final String RULE =
      "letters, digits, '_', '.' and '-', starting with a letter, digit or '_'";

  private InitcallName() {}

  /** Whether {@code text} is a valid initcall name. */
  public static boolean isValid(String text) {
    if (text.isEmpty() || text.charAt(0) == '.' || text.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
