package org.initcall4j.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.initcall4j.benchmarks.startup.ChildJvm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What deferral takes off the first picture: the camera's deferred modules (crypto, thumbnails,
 * usb) started cold, once per fresh JVM, after storage and sensor and one picture, as at a
 * flush. The baseline for "deferral saves N % of the deferred modules' time".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Fork(8)
@Measurement(iterations = 1)
public class DeferredModulesBenchmark {
  private Path card;

  @Setup
  public void bootAndTakeAPicture() throws IOException {
    card = Files.createTempDirectory("camera-modules");
    System.setProperty("camera.dir", card.toString());
    Storage.mount();
    Sensor.calibrate();
    Camera.takePicture();
  }

  @Benchmark
  public boolean startDeferredModules() {
    Crypto.start();
    Thumbnails.start();
    UsbMassStorage.connect();
    return Crypto.started() && Thumbnails.started();
  }

  @TearDown
  public void disconnect() throws IOException {
    UsbMassStorage.disconnect();
    ChildJvm.deleteTree(card);
  }
}
