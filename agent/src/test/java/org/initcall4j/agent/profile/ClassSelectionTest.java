package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassSelectionTest {

  @ParameterizedTest
  @CsvSource({
      "com.acme.*, com/acme/Foo, true",
      "com.acme.*, com/acme/Foo$Bar, true",
      "com.acme.*, com/acme/sub/Foo, false",
      "com.acme.*, com/acmeX/Foo, false",
      "com.acme.**, com/acme/Foo, true",
      "com.acme.**, com/acme/sub/deep/Foo, true",
      "com.acme.**, com/other/Foo, false",
      "com.acme.Big?Table, com/acme/BigXTable, true",
      "com.acme.Big?Table, com/acme/BigTable, false",
      "com.acme.Foo, com/acme/Foo, true",
      "com.acme.Foo, com/acme/Foo2, false",
      "**.Generated*, org/x/y/GeneratedMap, true",
      "*.Main, app/Main, true",
      "*.Main, app/sub/Main, false"})
  void patternsMatchLikeTheReadmeSays(String pattern, String internalName, boolean expected) {
    assertEquals(expected, ClassNamePattern.parse("profile.include", pattern)
        .matches(internalName), pattern + " vs " + internalName);
  }

  @Test
  void badPatternsNameTheOptionAndTheFix() {
    IllegalArgumentException slash = assertThrows(IllegalArgumentException.class,
        () -> ClassNamePattern.parse("profile.exclude", "com/acme"));
    assertEquals("option 'profile.exclude': pattern 'com/acme' has '/'; write class names with"
        + " dots and the wildcards * ** ?, e.g. com.acme.* or org.foo.**", slash.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ClassNamePattern.parse("profile.include", "")).getMessage()
        .contains("empty pattern"));
  }

  @Test
  void withoutIncludeEverythingButTheJdkAndTheAgent() {
    ClassSelection all = new ClassSelection(List.of(), List.of());
    assertTrue(all.selects("com/acme/Foo"));
    assertTrue(all.selects("org/initcall4j/Initcalls"), "the api is the app's");
    for (String jdk : List.of("java/util/List", "javax/swing/JFrame", "jdk/internal/X", "sun/misc/U",
        "com/sun/net/Y", "org/initcall4j/agent/Agent",
        "org/initcall4j/agent/shaded/asm/ClassReader")) {
      assertEquals(jdk.startsWith("javax"), all.selects(jdk), jdk);
    }
  }

  @Test
  void includeReplacesTheJdkDefaultAndExcludeWins() {
    ClassSelection some = new ClassSelection(
        List.of(ClassNamePattern.parse("i", "com.sun.xml.**"),
            ClassNamePattern.parse("i", "com.acme.**")),
        List.of(ClassNamePattern.parse("e", "com.acme.gen.*")));
    assertTrue(some.selects("com/sun/xml/Bind"));
    assertTrue(some.selects("com/acme/Foo"));
    assertFalse(some.selects("com/acme/gen/Foo"));
    assertFalse(some.selects("org/other/Foo"));
    assertFalse(some.selects("org/initcall4j/agent/Agent"));
  }
}
