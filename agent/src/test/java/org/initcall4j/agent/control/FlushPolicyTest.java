package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.initcall4j.agent.AgentOptions;
import org.junit.jupiter.api.Test;

class FlushPolicyTest {
  @Test
  void parsesEveryPolicy() {
    assertEquals(FlushPolicy.MANUAL, FlushPolicy.parse(null));
    assertEquals(FlushPolicy.MANUAL, FlushPolicy.parse("manual"));
    assertEquals(new FlushPolicy(FlushPolicy.Kind.READY, 0), FlushPolicy.parse("ready"));
    assertEquals(new FlushPolicy(FlushPolicy.Kind.DELAY, 500), FlushPolicy.parse("500ms"));
    assertEquals(new FlushPolicy(FlushPolicy.Kind.DELAY, 5000), FlushPolicy.parse("5s"));
    assertEquals(new FlushPolicy(FlushPolicy.Kind.DELAY, 120_000), FlushPolicy.parse("2m"));
    assertEquals("5s", FlushPolicy.parse("5s").toString(), "said as written, in status and JMX");
    assertEquals("1500ms", FlushPolicy.parse("1500ms").toString());
  }

  @Test
  void badValuesNameTheOptionAndTheForms() {
    for (String bad : new String[] {"soon", "5", "5h", "-1s", "1.5s", "s"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> FlushPolicy.parse(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("flush"),
          e.getMessage());
      assertTrue(e.getMessage().contains("5s"), "shows an accepted form: " + e.getMessage());
    }
  }

  @Test
  void controlOptionsComeFromTheAgentOptions() {
    ControlOptions options = ControlOptions.from(
        AgentOptions.parse("control=/tmp/x/../ctl,jmx=off,flush=ready"));
    assertEquals("/tmp/ctl", options.directory().toString());
    assertTrue(options.directoryOn());
    assertEquals(false, options.jmxOn());
    assertEquals(FlushPolicy.Kind.READY, options.flushPolicy().kind());
    assertEquals(false, ControlOptions.from(AgentOptions.parse("control=off")).directoryOn());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ControlOptions.from(AgentOptions.parse("jmx=maybe")));
    assertTrue(e.getMessage().contains("write jmx=off") && e.getMessage().contains("jmx=on"),
        e.getMessage());
  }

  @Test
  void withNothingToControlOnlyThePartsNamedExplicitlyStart() {
    ControlOptions defaults = ControlOptions.from(AgentOptions.parse("profile"));
    assertTrue(defaults.directoryOn() && defaults.jmxOn(), "on by default with initcalls");
    assertEquals(false, defaults.onlyWhatWasAskedFor().directoryOn());
    assertEquals(false, defaults.onlyWhatWasAskedFor().jmxOn());
    ControlOptions asked = ControlOptions.from(AgentOptions.parse("profile,jmx=on,control=/tmp/c"))
        .onlyWhatWasAskedFor();
    assertTrue(asked.jmxOn() && asked.directoryOn(), asked.toString());
    assertEquals("/tmp/c", asked.directory().toString());
    ControlOptions off = ControlOptions.from(AgentOptions.parse("jmx=off,control=off"));
    assertEquals(false, off.onlyWhatWasAskedFor().jmxOn());
    assertEquals(false, off.onlyWhatWasAskedFor().directoryOn());
    assertEquals(true, ControlOptions.from(AgentOptions.parse("jmx=on")).jmxAsked());
  }

  @Test
  void theControlPlaneWaitsOneSecondAfterBootUnlessToldOtherwise() {
    assertEquals(1000, ControlOptions.from(AgentOptions.parse("")).delayMillis());
    assertEquals(0, ControlOptions.from(AgentOptions.parse("control.delay=0")).delayMillis());
    assertEquals(250, ControlOptions.from(AgentOptions.parse("control.delay=250ms"))
        .delayMillis());
    assertEquals(250, ControlOptions.from(AgentOptions.parse("profile,control.delay=250ms"))
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
    ControlOptions options = ControlOptions.from(AgentOptions.parse(""));
    assertTrue(options.directoryOrDefault().toString()
        .endsWith("initcall4j-" + ProcessHandle.current().pid()));
  }
}
