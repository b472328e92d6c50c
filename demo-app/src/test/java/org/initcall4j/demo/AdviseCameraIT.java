package org.initcall4j.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.initcall4j.agent.testing.ForkedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code advise} on the camera as an application without initcalls: {@code --eager} starts every
 * module from main, from a copy of camera.jar without the initcall index, so no annotation is
 * at work. The advisor must end with a config that parks the module starts the first picture
 * does not need (crypto, usb, and thumbnails when its own call is slow enough to be tried), leave
 * out storage and sensor because deferring them breaks the picture, and measure a saving; and
 * the camera with that config must take the same picture and serve the same gallery as without
 * the agent.
 */
class AdviseCameraIT {
  private static final String READY = "log:first picture after";
  private static final String DEMO = "org.initcall4j.demo.";

  @TempDir
  Path tmp;

  @Test
  void theAdvisorDefersTheModulesThePictureDoesNotNeedAndTheCameraStaysTheSame()
      throws Exception {
    Path plain = withoutIndex(Paths.get(System.getProperty("initcall4j.camera.jar",
        "target/camera.jar")), tmp.resolve("camera-plain.jar"));
    Path card = tmp.resolve("card");
    Path out = tmp.resolve("initcalls.properties");
    // each run starts from an empty card: the runs the advisor compares must start alike
    List<String> args = new ArrayList<>(List.of("advise", "--ready", READY, "--slow", "1ms",
        "--runs", "3", "--out", out.toString(), "--", "sh", "-c", "rm -rf \"$0\" && exec \"$@\"",
        card.toString(), Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dcamera.dir=" + card, "-cp", plain.toString(), DEMO + "Camera", "--eager"));
    ForkedJvm.Result advice = ForkedJvm.current().jvmArg("-jar")
        .jvmArg(ForkedJvm.agentJar().toString()).main(null, args.toArray(String[]::new))
        .timeoutSeconds(300).run();

    assertEquals(0, advice.exitCode(), advice.describe());
    List<String> tried = tried(advice);
    for (String module : List.of("Storage#mount()", "Crypto#start()", "Sensor#calibrate()",
        "UsbMassStorage#connect()")) {
      assertTrue(tried.contains(DEMO + module), module + " is tried: " + advice.describe());
    }
    assertTrue(advice.stdout().contains("1 left out as it calls others of them (" + DEMO
        + "Camera#startEveryModule())"), advice.describe());
    for (String needed : List.of("Storage#mount()", "Sensor#calibrate()")) {
      assertTrue(advice.stdout().contains("deferring " + DEMO + needed + " changes the output"
          + " (exit status 1 instead of 0; stderr line 1: 'Exception in thread \"main\""
          + " java.lang.IllegalStateException: "), needed + ": " + advice.describe());
    }
    assertTrue(advice.stdout().contains("check again:       ready after"), advice.describe());
    Matcher saved = Pattern.compile("saved: +(\\d+\\.\\d{3}) s to ready \\(-\\d+ %\\), \\d entry"
        + " points deferred: ").matcher(advice.stdout());
    assertTrue(saved.find(), advice.describe());
    assertTrue(Double.parseDouble(saved.group(1)) > 0, advice.describe());

    List<String> expected = new ArrayList<>();
    for (String target : tried) {
      if (!target.endsWith("Storage#mount()") && !target.endsWith("Sensor#calibrate()")) {
        String name = target.substring(0, target.length() - 2).replace('#', '.');
        expected.add("initcall." + name + ".method = " + target);
        expected.add("initcall." + name + ".deferred = true");
      }
    }
    List<String> config = Files.readAllLines(out);
    assertEquals(expected, config.stream().filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList(), String.join("\n", config));
    assertTrue(expected.contains("initcall." + DEMO + "Crypto.start.method = " + DEMO
        + "Crypto#start()"), expected.toString());
    assertTrue(expected.contains("initcall." + DEMO + "UsbMassStorage.connect.method = " + DEMO
        + "UsbMassStorage#connect()"), expected.toString());

    // the camera with the config: the same output, picture and gallery as without the agent
    Path eagerCard = tmp.resolve("eager");
    Path advisedCard = tmp.resolve("advised");
    ForkedJvm.Result eager = camera(plain, eagerCard, null);
    ForkedJvm.Result advised = camera(plain, advisedCard, "config=" + out + ",flush=ready,ready="
        + READY);
    assertEquals(0, eager.exitCode(), eager.describe());
    assertEquals(0, advised.exitCode(), advised.describe());
    assertEquals(normalized(eager.stdout(), eagerCard), normalized(advised.stdout(), advisedCard),
        advised.describe());
    assertTrue(advised.stdout().matches("(?s).*\ngallery at http://\\S+/ lists 1 picture\n.*"),
        advised.describe());
    String picture = "DCIM/100INITC/IMG_0001.JPG";
    assertArrayEquals(Files.readAllBytes(eagerCard.resolve(picture)),
        Files.readAllBytes(advisedCard.resolve(picture)), "the picture must not change");
    assertTrue(Files.exists(advisedCard.resolve("DCIM/100INITC/IMG_0001.SIG")),
        "crypto signed the picture after it was taken");
    assertTrue(Files.exists(advisedCard.resolve("SESSION.PUB")));
    assertTrue(Files.size(advisedCard.resolve("THUMBS/IMG_0001.JPG")) > 0,
        "thumbnails made it, at once or when started after the picture");
  }

  /** The methods the advisor tried, from its "entry points:" line. */
  private static List<String> tried(ForkedJvm.Result advice) {
    Matcher line = Pattern.compile("entry points: .*; trying (.*)").matcher(advice.stdout());
    assertTrue(line.find(), advice.describe());
    return List.of(line.group(1).split(", "));
  }

  private static ForkedJvm.Result camera(Path jar, Path card, String agentOptions)
      throws Exception {
    ForkedJvm jvm = ForkedJvm.current().jvmArg("-Dcamera.dir=" + card);
    if (agentOptions != null) {
      jvm.agent(agentOptions);
    }
    return jvm.classPath(jar).main(DEMO + "Camera", "--eager").run();
  }

  /** Without the card's place, and numbers (times, the port) as the advisor leaves them out. */
  private static String normalized(String text, Path card) {
    return text.replace(card.toString(), "<card>").replaceAll("\\d+", "#");
  }

  /** A copy of the jar without {@code META-INF/initcall4j/}: no index, no annotation at work. */
  private static Path withoutIndex(Path jar, Path copy) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
        OutputStream file = Files.newOutputStream(copy);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (!entry.getName().startsWith("META-INF/initcall4j/")) {
          out.putNextEntry(new ZipEntry(entry.getName()));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
    try (ZipInputStream check = new ZipInputStream(Files.newInputStream(copy))) {
      for (ZipEntry entry = check.getNextEntry(); entry != null; entry = check.getNextEntry()) {
        assertFalse(entry.getName().startsWith("META-INF/initcall4j"), entry.getName());
      }
    }
    return copy;
  }
}
