package org.initcall4j.agent.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LaunchTargetTest {
  @Test
  void aJarLaunchIsTheOneJarOnTheClassPathAtTheStartOfTheCommand() {
    assertTrue(LaunchTarget.isJarLaunch("app.jar", "app.jar"));
    assertTrue(LaunchTarget.isJarLaunch("/opt/my app/app.jar --port 8080", "/opt/my app/app.jar"));
    assertFalse(LaunchTarget.isJarLaunch("com.acme.Main", "app.jar"));
    assertFalse(LaunchTarget.isJarLaunch("app.jar2", "app.jar"));
    assertFalse(LaunchTarget.isJarLaunch("a.jar:b.jar x", "a.jar:b.jar"));
  }

  @Test
  void optionMainIsTakenAsGivenWhenItIsAClassName() {
    assertEquals("com.acme.App", LaunchTarget.applicationMainClass(" com.acme.App "));
    assertEquals("App$Inner", LaunchTarget.applicationMainClass("App$Inner"));
  }

  @Test
  void optionMainThatIsNoClassNameSaysWhatItMustBe() {
    for (String bad : new String[] {"com.acme.", ".App", "com..App", "com/acme/App", "1App"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> LaunchTarget.applicationMainClass(bad), bad);
      assertTrue(e.getMessage().contains("main=com.acme.App"), e.getMessage());
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }
}
