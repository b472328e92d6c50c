package org.initcall4j.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.initcall4j.Initcall;

/**
 * The camera as seen from a computer over USB: an HTTP file server on 127.0.0.1 (port
 * {@code -Dcamera.port}, default any free one) serving the gallery index, the pictures, their
 * thumbnails and signatures, and the public key. Slow to start and not needed for the first
 * picture: deferred, after everything it serves.
 */
public final class UsbMassStorage {
  /** Only these names are served, so no request can reach outside the card. */
  private static final Pattern FILE = Pattern.compile(
      "/(DCIM/100INITC/IMG_\\d{4}\\.(JPG|SIG)|THUMBS/IMG_\\d{4}\\.JPG|SESSION\\.PUB)");

  private static HttpServer server;

  private UsbMassStorage() {}

  @Initcall(name = "usb", partOf = "connectivity", after = {"storage", "thumbnails", "crypto"},
      deferred = true)
  static synchronized void connect() {
    int port = Integer.getInteger("camera.port", 0);
    try {
      HttpServer started = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
      started.createContext("/", UsbMassStorage::handle);
      started.start();
      server = started;
      UsbMassStorage.class.notifyAll(); // a camera left for an operator's flush waits for this
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the card on port " + port, e);
    }
  }

  /** The gallery's address, or null when not connected. */
  public static synchronized String address() {
    return server == null ? null
        : "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /**
   * Waits until the gallery is served (an operator flushed usb) and returns its address, or null
   * when it is not served within {@code millis} ({@code -1}: wait as long as it takes).
   */
  static synchronized String awaitAddress(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (server == null) {
      long left = millis < 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000;
      if (millis >= 0 && left <= 0) {
        return null;
      }
      UsbMassStorage.class.wait(left);
    }
    return address();
  }

  /** Stops serving; the camera calls it before it exits. */
  static synchronized void disconnect() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "text/plain", "only GET\n".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/")) {
        send(exchange, 200, "text/html; charset=utf-8",
            Gallery.html(Storage.pictures()).getBytes(StandardCharsets.UTF_8));
      } else if (FILE.matcher(path).matches() && Files.isRegularFile(fileOf(path))) {
        String type = path.endsWith(".JPG") ? "image/jpeg" : "text/plain";
        send(exchange, 200, type, Files.readAllBytes(fileOf(path)));
      } else {
        send(exchange, 404, "text/plain", ("no " + path + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static Path fileOf(String path) {
    return Storage.root().resolve(path.substring(1));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
