package org.initcall4j.agent.profile;

/**
 * A class-name wildcard as users write it ({@code com.acme.*}, {@code org.foo.**},
 * {@code com.acme.Big?Table}), matched against JVM internal names ({@code com/acme/Foo}).
 * {@code *} matches within one package level, {@code **} across levels, {@code ?} one character
 * other than a package separator. Nested classes ({@code Outer$Inner}) are in their outer class's
 * package, so {@code com.acme.*} matches them.
 */
final class ClassNamePattern {
  private final String text;
  private final char[] glob;

  private ClassNamePattern(String text) {
    this.text = text;
    this.glob = text.replace('.', '/').toCharArray();
  }

  /**
   * Parses one pattern.
   *
   * @param option the option it came from, for the error message
   * @throws IllegalArgumentException naming the option, the pattern and the fix
   */
  static ClassNamePattern parse(String option, String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("option '" + option + "' has an empty pattern:"
          + " remove the extra ':'");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '.' && c != '*' && c != '?' && !Character.isJavaIdentifierPart(c)) {
        throw new IllegalArgumentException("option '" + option + "': pattern '" + text
            + "' has '" + c + "'; write class names with dots and the wildcards * ** ?,"
            + " e.g. com.acme.* or org.foo.**");
      }
    }
    return new ClassNamePattern(text);
  }

  boolean matches(String internalName) {
    return matches(0, internalName, 0);
  }

  private boolean matches(int p, String name, int n) {
    while (p < glob.length) {
      char c = glob[p];
      if (c == '*') {
        boolean any = p + 1 < glob.length && glob[p + 1] == '*';
        int rest = any ? p + 2 : p + 1;
        for (int k = n; k <= name.length(); k++) {
          if (matches(rest, name, k)) {
            return true;
          }
          if (k < name.length() && !any && name.charAt(k) == '/') {
            return false;
          }
        }
        return false;
      }
      if (n >= name.length()) {
        return false;
      }
      char actual = name.charAt(n);
      if (c == '?' ? actual == '/' : c != actual) {
        return false;
      }
      p++;
      n++;
    }
    return n == name.length();
  }

  @Override
  public String toString() {
    return text;
  }
}
