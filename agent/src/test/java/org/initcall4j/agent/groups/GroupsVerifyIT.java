package org.initcall4j.agent.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.initcall4j.agent.cli.CliIT;
import org.initcall4j.agent.report.DotFile;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} knows groups, and stops where the agent stops on a name to disable. */
class GroupsVerifyIT {
  @TempDir
  Path tmp;

  private static String classPath() {
    return TestApps.jar("groups") + File.pathSeparator + ForkedJvm.apiClasses();
  }

  @Test
  void aClassPathWithGroupsVerifiesAndItsGraphDrawsEachGroupOnce() throws Exception {
    Path dot = tmp.resolve("initcalls.dot");
    ForkedJvm.Result result = CliIT.cli("current", "verify", "--dot", dot.toString(),
        classPath());

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("no problem found; the agent would run these 7"
        + " initcalls, 1 at boot and 6 deferred"), result.describe());
    DotFile graph = DotFile.parse(Files.readString(dot));
    DotFile.Node group = graph.nodes().get("connectivity");
    assertEquals("folder", group.attributes().get("shape"), graph.nodes().toString());
    assertEquals(List.of("radio -> connectivity", "radio.wifi -> radio",
        "thumbnails -> connectivity", "usb -> connectivity"), graph.edges("partOf").stream()
        .sorted().toList());
  }

  @Test
  void aConfigDisablingANameThatMatchesNothingStopsVerifyAsItStopsTheAgent() throws Exception {
    Path config = tmp.resolve("groups.properties");
    Files.writeString(config, "initcall.thumbnail.disabled = true\n");
    ForkedJvm.Result agent = GroupsApp.jvm("config=" + config, tmp).run();
    String said = "initcall4j: " + config + ":1: initcall.thumbnail.disabled: no initcall or"
        + " group named 'thumbnail' to disable; did you mean 'thumbnails'?\n";
    assertEquals(said + "initcall4j: stopping the JVM before main\n", agent.stderr(),
        agent.describe());

    ForkedJvm.Result result = CliIT.cli("current", "verify", "--config", config.toString(),
        classPath());

    assertEquals(1, result.exitCode(), result.describe());
    assertEquals(said + "initcall4j verify: the agent would stop the JVM before main\n",
        result.stderr());
  }
}
