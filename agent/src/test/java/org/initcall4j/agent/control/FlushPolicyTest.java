package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.initcall4j.agent.AgentOptions;
import org.junit.jupiter.api.Test;

class FlushPolicyTest {
  private static FlushPolicy policy(String value) {
    return AgentOptions.parse(value == null ? "" : "flush=" + value).control().flushPolicy();
  }

  @Test
  void parsesEveryPolicy() {
    assertEquals(FlushPolicy.MANUAL, policy(null));
    assertEquals(FlushPolicy.MANUAL, policy("manual"));
    assertEquals(new FlushPolicy(FlushPolicy.Kind.READY, 0), policy("ready"));
    assertEquals(new FlushPolicy(FlushPolicy.Kind.DELAY, 500), policy("500ms"));
    assertEquals(new FlushPolicy(FlushPolicy.Kind.DELAY, 5000), policy("5s"));
    assertEquals(new FlushPolicy(FlushPolicy.Kind.DELAY, 120_000), policy("2m"));
    assertEquals("5s", policy("5s").toString(), "said as written, in status and JMX");
    assertEquals("1500ms", policy("1500ms").toString());
  }

  @Test
  void badValuesNameTheOptionAndTheForms() {
    for (String bad : new String[] {"soon", "5", "5h", "-1s", "1.5s", "s"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> policy(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("flush"),
          e.getMessage());
      assertTrue(e.getMessage().contains("5s"), "shows an accepted form: " + e.getMessage());
    }
  }

  @Test
  void controlOptionsComeFromTheAgentOptions() {
    ControlOptions options =
        AgentOptions.parse("control=/tmp/x/../ctl,jmx=off,flush=ready").control();
    assertEquals("/tmp/ctl", options.directory().toString());
    assertTrue(options.directoryOn());
    assertEquals(false, options.jmxOn());
    assertEquals(FlushPolicy.Kind.READY, options.flushPolicy().kind());
    assertEquals(false, AgentOptions.parse("control=off").control().directoryOn());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AgentOptions.parse("jmx=maybe").control());
    assertTrue(e.getMessage().contains("write jmx=off") && e.getMessage().contains("jmx=on"),
        e.getMessage());
  }

  @Test
  void withNothingToControlOnlyThePartsNamedExplicitlyStart() {
    ControlOptions defaults = AgentOptions.parse("profile").control();
    assertTrue(defaults.directoryOn() && defaults.jmxOn(), "on by default with initcalls");
    assertEquals(false, defaults.onlyWhatWasAskedFor().directoryOn());
    assertEquals(false, defaults.onlyWhatWasAskedFor().jmxOn());
    ControlOptions asked = AgentOptions.parse("profile,jmx=on,control=/tmp/c").control()
        .onlyWhatWasAskedFor();
    assertTrue(asked.jmxOn() && asked.directoryOn(), asked.toString());
    assertEquals("/tmp/c", asked.directory().toString());
    ControlOptions off = AgentOptions.parse("jmx=off,control=off").control();
    assertEquals(false, off.onlyWhatWasAskedFor().jmxOn());
    assertEquals(false, off.onlyWhatWasAskedFor().directoryOn());
    assertEquals(true, AgentOptions.parse("jmx=on").control().jmxAsked());
  }

  @Test
  void theControlPlaneWaitsOneSecondAfterBootUnlessToldOtherwise() {
    assertEquals(1000, AgentOptions.parse("").control().delayMillis());
    assertEquals(0, AgentOptions.parse("control.delay=0").control().delayMillis());
    assertEquals(250, AgentOptions.parse("control.delay=250ms").control().delayMillis());
    assertEquals(250, AgentOptions.parse("profile,control.delay=250ms").control()
        .onlyWhatWasAskedFor().delayMillis(), "kept when only what was asked for starts");
    for (String bad : new String[] {"soon", "5", "-1s", "00s"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AgentOptions.parse("control.delay=" + bad));
      assertTrue(e.getMessage().contains("'" + bad + "'")
          && e.getMessage().contains("option 'control.delay'")
          && e.getMessage().contains("control.delay=0"), e.getMessage());
    }
  }

  @Test
  void defaultDirectoryIsPerProcessUnderTheTempDirectory() {
    ControlOptions options = AgentOptions.parse("").control();
    assertTrue(options.directoryOrDefault().toString()
        .endsWith("initcall4j-" + ProcessHandle.current().pid()));
  }
}
