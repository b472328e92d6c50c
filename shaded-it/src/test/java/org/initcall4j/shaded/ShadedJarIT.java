package org.initcall4j.shaded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.zip.ZipFile;
import org.initcall4j.agent.testing.ForkedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One uber jar from two jars with an index each, merged by the shade plugin's appending. */
class ShadedJarIT {
  @TempDir
  Path tmp;

  private static Path flashJar() {
    return Paths.get(System.getProperty("initcall4j.flash.jar", "target/flash.jar"))
        .toAbsolutePath();
  }

  @Test
  void theShadedJarKeepsBothIndexesInOne() throws Exception {
    try (ZipFile jar = new ZipFile(flashJar().toFile())) {
      String index = new String(jar.getInputStream(
          jar.getEntry("META-INF/initcall4j/initcalls.idx")).readAllBytes());
      assertEquals(2, index.lines().filter(l -> l.startsWith("# initcall4j index")).count(),
          index);
      assertTrue(index.contains("\nflash\t"), index);
      assertTrue(index.contains("\nsensor\t"), index);
    }
  }

  @Test
  void initcallsOfBothJarsRunInOneGraph() throws Exception {
    ForkedJvm.Result result = ForkedJvm.current().agent("debug")
        .jvmArg("-Dcamera.dir=" + tmp).jar(flashJar()).run();
    assertEquals(0, result.exitCode(), result.describe());
    assertEquals(List.of("flash charged"), result.stdoutLines(), result.describe());
    String err = result.stderr();
    int sensor = err.indexOf("initcall sensor returned after");
    int flash = err.indexOf("calling  flash @ main");
    assertTrue(err.contains("initcall storage returned after"), result.describe());
    assertTrue(sensor >= 0 && flash > sensor, "flash after the library's sensor\n"
        + result.describe());
  }
}
