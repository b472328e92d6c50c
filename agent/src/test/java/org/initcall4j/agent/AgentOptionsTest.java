package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.initcall4j.agent.runtime.ExitSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {

  private static String error(String text) {
    return assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(text))
        .getMessage();
  }

  @Test
  void noOptionsMeansNothingSet() {
    assertFalse(AgentOptions.parse(null).flag("debug"));
    assertFalse(AgentOptions.parse("").flag("debug"));
    assertNull(AgentOptions.parse("  ").value("debug"));
  }

  @Test
  void flagsAreRead() {
    AgentOptions options = AgentOptions.parse("debug, fatal");
    assertTrue(options.flag("debug"));
    assertTrue(options.flag("fatal"));
  }

  @Test
  void unknownOptionListsTheKnownOnes() {
    String message = error("debug,verbose");
    assertTrue(message.startsWith("unknown option 'verbose'; known options: debug, fatal"), message);
  }

  @Test
  void misspeltOptionGetsAHint() {
    assertTrue(error("debg").startsWith("unknown option 'debg' (did you mean 'debug'?); known"
        + " options: debug, fatal"), error("debg"));
    assertTrue(error("Profile").startsWith("unknown option 'Profile' (did you mean 'profile'?)"));
    assertTrue(error("profile,profile.exlude=a.*").startsWith(
        "unknown option 'profile.exlude' (did you mean 'profile.exclude'?)"));
    assertTrue(error("x").startsWith("unknown option 'x'; known options"), error("x"));
  }

  @Test
  void helpTableKeepsEveryDescriptionInOneColumn() {
    int column = -1;
    for (String line : AgentOptions.describe().split("\n")) {
      int at = line.length() - line.stripLeading().length();
      int help = line.indexOf(' ', at); // the end of the option's name
      while (help < line.length() && line.charAt(help) == ' ') {
        help++;
      }
      assertTrue(line.charAt(help - 2) == ' ', "two spaces before the help: " + line);
      if (column < 0) {
        column = help;
      }
      assertEquals(column, help, "help column of: " + line);
    }
  }

  @Test
  void malformedOptionsSayHowToFixThem() {
    assertEquals("empty option in 'debug,,fatal': remove the extra comma", error("debug,,fatal"));
    assertEquals("option 'debug' is a flag and takes no value: write just 'debug'",
        error("debug=yes"));
    assertEquals("option 'debug' is given twice", error("debug,debug"));
  }

  /**
   * Premain parses before it decides whether there is work: a value checked only when its
   * feature starts would pass an idle agent, or one behind a launcher, and fail much later.
   */
  @Test
  void everyValueIsCheckedByParseItself(@TempDir Path dir) throws Exception {
    assertEquals("option 'timeout.skip' needs a timeout: add timeout=5s (or another duration)",
        error("debug,timeout.skip"));
    assertEquals("option 'threads' must be a whole number from 1 to 256, not '0'",
        error("threads=0"));
    assertTrue(error("timeout=5").startsWith("bad duration '5' for option 'timeout': a unit is"
        + " missing"), error("timeout=5"));
    assertTrue(error("flush=sometimes").startsWith("option 'flush' has a bad value 'sometimes'"));
    assertTrue(error("jmx=maybe").startsWith("option 'jmx' has a bad value 'maybe'"));
    assertTrue(error("profile.top=3").startsWith("the profile.* options only apply in profile"
        + " mode"), error("profile.top=3"));
    assertTrue(error("profile,profile.top=0").startsWith("option 'profile.top=0' must be a whole"
        + " number"), error("profile,profile.top=0"));
    assertTrue(error("main=1app").startsWith("option 'main' must be the binary name"),
        error("main=1app"));
    assertTrue(error("config=a\0b").startsWith("option 'config=a\0b' is not a valid path for"
        + " the initcall config file: "), error("config=a\0b"));
    Path file = Files.createFile(dir.resolve("report.txt"));
    assertEquals("option 'report=" + file + "' names a file, " + file + "; give a directory"
        + " (made if missing)", error("report=" + file));
    // what premain starts nothing for is accepted as it was
    assertTrue(AgentOptions.parse("timeout=5s,timeout.skip,threads=4,flush=ready,jmx=off,"
        + "profile,profile.top=3,report=" + dir + ",main=com.acme.App").flag("timeout.skip"));
  }

  @Test
  void optionsThatTakeAValueRequireOne() {
    AgentOptions.KNOWN.values().stream().filter(AgentOptions.Option::takesValue).forEach(option -> {
      String message = error(option.name() + "=");
      assertTrue(message.startsWith("option '" + option.name() + "' needs a value"), message);
    });
  }

  @Test
  void exitAndParkedOptionsAreCheckedWithTheAcceptedValues() {
    ExitSettings defaults = ExitSettings.from(AgentOptions.parse("debug"));
    assertEquals(new ExitSettings(5_000, true, true), defaults);
    assertEquals(new ExitSettings(250, false, false),
        ExitSettings.from(AgentOptions.parse("exit.wait=250ms,exit.parked=drop")));
    assertEquals("option 'exit.parked' has a bad value 'later': write exit.parked=replay (the"
        + " default: parked calls run at exit) or exit.parked=drop (they are dropped, and counted"
        + " on stderr)", assertThrows(IllegalArgumentException.class,
            () -> ExitSettings.from(AgentOptions.parse("exit.parked=later"))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ExitSettings.from(AgentOptions.parse("exit.wait=5"))).getMessage()
        .startsWith("bad duration '5' for option 'exit.wait': a unit is missing"));
    assertEquals(7, AgentOptions.parkedMax("7"));
    for (String bad : new String[] {"0", "-1", "x", "10000001", "1e3"}) {
      assertEquals("option 'parked.max' must be a whole number from 1 to 10000000, not '" + bad
          + "'", assertThrows(IllegalArgumentException.class,
              () -> AgentOptions.parkedMax(bad)).getMessage());
    }
  }

  @Test
  void helpListsEveryOption() {
    String help = AgentOptions.describe();
    AgentOptions.KNOWN.keySet().forEach(name -> assertTrue(help.contains(name), name));
  }
}
