package org.initcall4j.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** camera.jar in real JVMs: eager without the agent, deferred under it; same pictures, same gallery. */
class CameraIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ForkedJvm camera(Path dir, String agentOptions, String... args) {
    ForkedJvm jvm = ForkedJvm.current().jvmArg("-Dcamera.dir=" + dir);
    if (agentOptions != null) {
      jvm.agent(agentOptions);
    }
    String jar = System.getProperty("initcall4j.camera.jar", "target/camera.jar");
    return jvm.classPath(Paths.get(jar).toAbsolutePath())
        .main("org.initcall4j.demo.Camera", args);
  }

  @Test
  void eagerAndDeferredCamerasTakeTheSamePicturesAndServeTheSameGallery(
      @TempDir Path eagerDir, @TempDir Path agentDir) throws Exception {
    try (RunningJvm eager = camera(eagerDir, null, "--pictures=2", "--serve=forever").start();
        RunningJvm deferred = camera(agentDir, "debug", "--pictures=2", "--serve=forever")
            .start()) {
      String eagerGallery = awaitGallery(eager);
      String agentGallery = awaitGallery(deferred);

      assertTrue(eager.stdout().contains("no initcall4j agent: starting every module"),
          eager.stdout());
      assertTrue(deferred.stderr().contains("initcall usb returned after"), deferred.stderr());
      for (String picture : new String[] {"IMG_0001.JPG", "IMG_0002.JPG"}) {
        byte[] expected = Files.readAllBytes(eagerDir.resolve("DCIM/100INITC/" + picture));
        assertArrayEquals(expected,
            Files.readAllBytes(agentDir.resolve("DCIM/100INITC/" + picture)),
            picture + " must not depend on the agent");
        assertArrayEquals(expected, get(agentGallery + "DCIM/100INITC/" + picture).body());
        assertTrue(Files.size(agentDir.resolve("THUMBS/" + picture)) > 0, picture);
        assertSigned(agentGallery, picture);
        assertSigned(eagerGallery, picture);
      }
      String index = text(get(agentGallery));
      assertTrue(index.contains("<h1>2 pictures</h1>"), index);
      assertTrue(index.contains("IMG_0002.JPG</a> <a href=\"/DCIM/100INITC/IMG_0002.SIG\">signed"),
          index);
      assertEquals(text(get(eagerGallery)), index, "the same gallery with and without the agent");
      assertEquals(404, get(agentGallery + "DCIM/100INITC/../../.probe").statusCode());
    }
  }

  @Test
  void deferredModulesWaitUntilTheFlush(@TempDir Path dir) throws Exception {
    ForkedJvm.Result result = camera(dir, "debug", "--no-flush").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().matches("(?s)first picture after \\d+ ms: .*IMG_0001\\.JPG\n.*"),
        result.describe());
    assertTrue(result.stdout().contains("deferred modules left for a flush"), result.describe());
    assertTrue(result.stderr().contains("calling  storage @ main"), result.describe());
    for (String module : new String[] {"crypto", "thumbnails", "usb"}) {
      assertFalse(result.stderr().contains("calling  " + module), result.describe());
    }
    assertFalse(Files.exists(dir.resolve("THUMBS")), "thumbnails must not have started");
    assertFalse(Files.exists(dir.resolve("SESSION.PUB")), "crypto must not have started");
  }

  @Test
  void cameraLeftForTheOperatorStaysOnAndServesTheGalleryAfterAControlFlush(
      @TempDir Path dir, @TempDir Path control) throws Exception {
    Path controlDir = control.resolve("control");
    try (RunningJvm camera = camera(dir, "control=" + controlDir, "--no-flush", "--serve=forever")
        .start()) {
      camera.awaitStdout("the gallery is served once an operator flushes connectivity", 60_000);
      Path command = controlDir.resolve("deferred_initcalls");
      camera.awaitFile(command, content -> true, 60_000);
      Files.writeString(command, "connectivity\n"); // the group: thumbnails and usb

      camera.awaitStdout("serving until stopped", 60_000);
      assertTrue(camera.stderr().contains("initcall4j: control: flush connectivity requested"),
          camera.describe());
      // the view is rewritten once the flush is over, which may be just after the gallery is up
      String lines = camera.awaitFile(controlDir.resolve("initcalls"),
          t -> t.matches("(?s).*\nconnectivity +DEVICE +done .* \\(group\\) +2 parts:"
              + " thumbnails, usb\n.*"), 10_000);
      assertTrue(lines.matches("(?s).*\ncrypto +DEVICE +done .*"), "what usb needs: " + lines);
      assertTrue(camera.stdout().matches("(?s).*gallery at http://\\S+/ lists 1 picture\n.*"),
          camera.describe());
    }
  }

  @Test
  void badArgumentIsRefusedWithTheUsage(@TempDir Path dir) throws Exception {
    ForkedJvm.Result result = camera(dir, null, "--serve=soon").run();

    assertEquals(2, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("--serve=soon: write a duration such as 500ms"),
        result.describe());
    assertFalse(Files.exists(dir.resolve("DCIM")), "nothing may run on a bad argument");
  }

  /** Waits for the gallery line and returns its address. */
  private static String awaitGallery(RunningJvm camera) throws InterruptedException {
    camera.awaitStdout("serving until stopped", 60_000);
    Matcher address = Pattern.compile("gallery at (http://\\S+/) lists 2 pictures")
        .matcher(camera.stdout());
    assertTrue(address.find(), camera.stdout());
    return address.group(1);
  }

  private static void assertSigned(String gallery, String picture) throws Exception {
    byte[] key = Base64.getMimeDecoder().decode(text(get(gallery + "SESSION.PUB")).strip());
    PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(key));
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey);
    verifier.update(get(gallery + "DCIM/100INITC/" + picture).body());
    String signature = text(get(gallery + "DCIM/100INITC/" + picture.replace(".JPG", ".SIG")));
    assertTrue(verifier.verify(Base64.getDecoder().decode(signature.strip())),
        picture + " must carry a valid signature by the served key");
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    assertEquals(200, response.statusCode(), response.uri().toString());
    return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
