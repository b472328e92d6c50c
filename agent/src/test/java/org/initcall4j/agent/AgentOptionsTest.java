package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.control.ControlOptions;
import org.initcall4j.agent.control.FlushPolicy;
import org.initcall4j.agent.runtime.ExitSettings;
import org.initcall4j.agent.runtime.RuntimeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {

  private static String error(String text) {
    return assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(text))
        .getMessage();
  }

  @Test
  void noOptionsMeansNothingSet() {
    for (String none : new String[] {null, "", "  "}) {
      AgentOptions options = AgentOptions.parse(none);
      assertFalse(options.debug() || options.fatal() || options.lenient() || options.jfr());
      assertEquals(RuntimeSettings.defaults(), options.runtime());
      assertEquals(new ExitSettings(5_000, true, false), options.exit());
      assertEquals(ControlOptions.DEFAULTS, options.control());
      assertEquals(10_000, options.parkedMax());
      assertNull(options.profile());
      assertNull(options.config());
      assertNull(options.report());
      assertNull(options.mainClass());
      assertTrue(options.askNothingWithoutInitcalls());
    }
  }

  @Test
  void flagsAreRead() {
    AgentOptions options = AgentOptions.parse("debug, fatal");
    assertTrue(options.debug());
    assertTrue(options.fatal());
    assertTrue(options.askNothingWithoutInitcalls(), "flags that need initcalls to matter");
    assertFalse(AgentOptions.parse("debug,jfr").askNothingWithoutInitcalls());
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
    assertEquals("option 'profile.top' must be a whole number from 1 to 100000, not '0'",
        error("profile,profile.top=0"));
    assertTrue(error("main=1app").startsWith("option 'main' must be the binary name"),
        error("main=1app"));
    assertTrue(error("config=a\0b").startsWith("option 'config=a\0b' is not a valid path for"
        + " the initcall config file: "), error("config=a\0b"));
    Path file = Files.createFile(dir.resolve("report.txt"));
    assertEquals("option 'report=" + file + "' names a file, " + file + "; give a directory"
        + " (made if missing)", error("report=" + file));
    // what premain starts nothing for is accepted as it was
    assertTrue(AgentOptions.parse("timeout=5s,timeout.skip,threads=4,flush=ready,jmx=off,"
        + "profile,profile.top=3,report=" + dir + ",main=com.acme.App").runtime().skipOnTimeout());
  }

  /** Everything after parse gets typed values: nothing else reads the option string. */
  @Test
  void valuesAreReadIntoTheirTypes(@TempDir Path dir) {
    AgentOptions options = AgentOptions.parse("async,threads=3,timeout=2s,timeout.skip,"
        + "exit.wait=250ms,exit.parked=drop,debug,parked.max=7,main=com.acme.App,"
        + "control=" + dir.resolve("x/../ctl") + ",jmx=readonly,flush=500ms,config=" + dir
        + "/c.properties,report=" + dir.resolve("r") + ",profile,profile.include=a.*:b.**,"
        + "profile.top=5,lenient,jfr,fatal");
    assertEquals(new RuntimeSettings(true, 3, 2000, true, 2000), options.runtime());
    assertEquals(new ExitSettings(250, false, true), options.exit());
    assertEquals(7, options.parkedMax());
    assertEquals("com.acme.App", options.mainClass());
    assertEquals(new ControlOptions(dir.resolve("ctl"), true, true, false, true,
        FlushPolicy.after(500), ControlOptions.DEFAULT_DELAY_MILLIS), options.control());
    assertEquals(dir.resolve("c.properties"), options.config());
    assertEquals(dir.resolve("r"), options.report());
    assertFalse(Files.exists(dir.resolve("r")), "parse makes nothing: the CLI calls it too");
    options.prepareReportDirectory();
    assertTrue(Files.isDirectory(dir.resolve("r")));
    assertEquals(5, options.profile().top());
    assertTrue(options.lenient() && options.jfr() && options.fatal() && options.debug());
    assertEquals(RuntimeSettings.defaults().threads(),
        AgentOptions.parse("timeout=1s").runtime().threads());
  }

  /** The README's option table and {@link AgentOptions#KNOWN} list the same options, in order. */
  @Test
  void disableIsAListOfNamesCheckedAtParse() {
    assertEquals(List.of(), AgentOptions.parse("debug").disabled());
    assertEquals(List.of("usb", "net.wifi"), AgentOptions.parse("disable=usb:net.wifi")
        .disabled());
    assertEquals("option 'disable=usb::net': an empty name (two ':' in a row, or one at an end);"
        + " separate names with ':', e.g. disable=usb:net", error("disable=usb::net"));
    assertEquals("option 'disable=usb/x': 'usb/x' is not an initcall name (letters, digits, '_',"
        + " '.' and '-', starting with a letter, digit or '_'); separate names with ':', e.g."
        + " disable=usb:net", error("disable=usb/x"));
    assertEquals("option 'disable=usb:net:usb' names 'usb' twice; name it once",
        error("disable=usb:net:usb"));
  }

  @Test
  void readmeOptionTableMatchesTheOptions() throws Exception {
    List<String> documented = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
      if (line.startsWith("| option ")) {
        inTable = true;
      } else if (inTable && line.startsWith("| `")) {
        documented.add(line.substring(3, line.indexOf('`', 3)).replace("\\|", "|"));
      } else if (inTable && !line.startsWith("|")) {
        break;
      }
    }
    List<String> known = AgentOptions.KNOWN.values().stream().map(AgentOptions.Option::usage)
        .toList();
    assertEquals(known, documented, "README.md's option table (first column, in order) and"
        + " AgentOptions.KNOWN");
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
    assertEquals(new ExitSettings(5_000, true, true), AgentOptions.parse("debug").exit());
    assertEquals("option 'exit.parked' has a bad value 'later': write exit.parked=replay (the"
        + " default: parked calls run at exit) or exit.parked=drop (they are dropped, and counted"
        + " on stderr)", error("exit.parked=later"));
    assertTrue(error("exit.wait=5").startsWith("bad duration '5' for option 'exit.wait': a unit"
        + " is missing"), error("exit.wait=5"));
    for (String bad : new String[] {"0", "-1", "x", "10000001", "1e3"}) {
      assertEquals("option 'parked.max' must be a whole number from 1 to 10000000, not '" + bad
          + "'", error("parked.max=" + bad));
    }
  }

  @Test
  void helpListsEveryOption() {
    String help = AgentOptions.describe();
    AgentOptions.KNOWN.keySet().forEach(name -> assertTrue(help.contains(name), name));
  }
}
