package org.initcall4j.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Enumeration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.initcall4j.agent.testing.RunningJvm;

/** The shop's executable jar, its other layouts, and its HTTP answers. */
final class Shop {
  static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
  static final String MAIN = "com.example.shop.ShopApplication";
  private static final Pattern READY = Pattern.compile("shop ready on port (\\d+)");
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  private Shop() {}

  /** The jar spring-boot-maven-plugin repackaged (failsafe passes its path). */
  static Path jar() {
    Path jar = Paths.get(System.getProperty("initcall4j.shop.jar", "target/shop.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("shop jar not found at " + jar.toAbsolutePath()
          + ": run these tests with mvn verify, after package");
    }
    return jar.toAbsolutePath();
  }

  /** Waits for the shop to serve and returns its port. */
  static int awaitReady(RunningJvm jvm) throws InterruptedException {
    jvm.awaitStdout("shop ready on port", 90_000);
    Matcher port = READY.matcher(jvm.stdout());
    if (!port.find()) {
      throw new AssertionError("no port in the ready line\n" + jvm.describe());
    }
    return Integer.parseInt(port.group(1));
  }

  /** GET http://127.0.0.1:port/path, expecting 200, and its body. */
  static String get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + ": status " + response.statusCode() + ", body "
          + response.body());
    }
    return response.body();
  }

  /** Unzips the jar into dir: the exploded layout. */
  static Path explode(Path dir) throws IOException {
    try (ZipFile zip = new ZipFile(jar().toFile())) {
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        Path target = dir.resolve(entry.getName()).normalize();
        if (!target.startsWith(dir)) {
          throw new IOException("entry outside the directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, target);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return dir;
  }
}
