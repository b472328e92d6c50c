package org.initcall4j.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.initcall4j.Initcalls;

/**
 * The digital camera. Its primary job is the first picture; USB, thumbnails and crypto are
 * deferred initcalls that run after it. Without the agent it starts every module itself, in the
 * agent's order, before the first picture: the same camera, only slower to its first picture.
 * With {@code --eager} it does so under the agent too, as an application written without
 * initcalls would (run from a jar without the initcall index, it is one): what the advisor
 * starts from.
 */
public final class Camera {
  /** How long a camera that started usb itself waits for it to be connected. */
  private static final long USB_CONNECT_MILLIS = 30_000;

  private Camera() {}

  public static void main(String[] args) throws Exception {
    CameraOptions options;
    try {
      options = CameraOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("camera: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      run(options);
    } finally {
      UsbMassStorage.disconnect();
    }
  }

  private static void run(CameraOptions options) throws Exception {
    boolean agent = Initcalls.isActive() && !options.eager();
    if (options.eager()) {
      System.out.println("camera: --eager: starting every module before the picture");
      startEveryModule();
    } else if (!agent) {
      System.out.println("camera: no initcall4j agent: starting every module before the picture");
      startEveryModule();
    } else if (!options.deferral()) {
      Initcalls.flush();
    }

    Path first = takePicture();
    System.out.println("first picture after " + JvmClock.millisSinceStart() + " ms: " + first);
    Initcalls.ready();

    if (agent && options.flush()) {
      Initcalls.flush();
    }
    for (int i = 1; i < options.pictures(); i++) {
      System.out.println("picture: " + takePicture());
    }
    if (agent && !options.flush()) {
      System.out.println("camera: deferred modules left for a flush by the operator");
    } else if (agent) {
      // the group of what shares the pictures; says why, when a part or what it needs failed
      Initcalls.require("connectivity");
    }
    serve(options.serveMillis(), !agent);
  }

  /** Eager boot without the agent: the order the agent's plan gives (levels, then names). */
  static void startEveryModule() {
    Storage.mount();
    Crypto.start();
    Sensor.calibrate();
    Thumbnails.start();
    UsbMassStorage.connect();
  }

  /** Exposes, encodes and stores one picture. */
  static Path takePicture() throws IOException {
    return Storage.save(number -> Sensor.encode(Sensor.expose(number)));
  }

  /**
   * Lists the gallery and serves it for {@code millis}.
   *
   * @param started whether the camera started usb itself: then it waits for it to be connected
   *     (a call to connect() that an agent parked until the camera is ready, as the advisor's
   *     config does, connects it just after)
   */
  private static void serve(long millis, boolean started) throws Exception {
    long start = System.nanoTime();
    String address = UsbMassStorage.address();
    if (address == null && started) {
      address = UsbMassStorage.awaitAddress(USB_CONNECT_MILLIS);
    } else if (address == null && millis != 0) {
      // --no-flush: stay on, so that an operator's flush can start usb and serve the gallery
      System.out.println("camera: the gallery is served once an operator flushes connectivity"
          + " (or usb)");
      address = UsbMassStorage.awaitAddress(millis);
    }
    if (address != null) {
      int listed = countListed(address);
      System.out.println("gallery at " + address + " lists " + listed + " picture"
          + (listed == 1 ? "" : "s"));
    }
    if (millis < 0) {
      System.out.println("camera: serving until stopped (Ctrl-C)");
      Thread.currentThread().join();
    }
    if (address == null && millis == 0) {
      return;
    }
    Thread.sleep(Math.max(0, millis - (System.nanoTime() - start) / 1_000_000));
    System.out.println("camera: off");
  }

  /** Reads the gallery the way a browser would, to show that it is really served. */
  private static int countListed(String address) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(address).openConnection();
    try (InputStream in = connection.getInputStream()) {
      String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return page.split("<li>", -1).length - 1;
    } finally {
      connection.disconnect();
    }
  }
}
