package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallListener;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.Invoker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command written in pieces on one descriptor ({@code printf 1} then {@code printf 'x\n'}), on
 * real files. No watcher thread: the test makes the control thread's steps itself, so the agent
 * reads the first piece alone, before the second is written, every time. The settle time is an
 * hour, so that nothing settles by the clock unless the test says the time has come.
 */
class PieceByPieceWriteTest {
  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

  @TempDir
  Path tmp;

  private final Map<String, Integer> flushes = new TreeMap<>();
  private ControlFiles files;
  private ControlFileWatcher watcher;
  private InitcallRuntime runtime;
  private Path deferred;

  @BeforeEach
  void start() throws Exception {
    List<InitcallSpec> specs = new ArrayList<>();
    specs.add(spec("storage", false));
    for (String name : List.of("usb", "usbhub", "gallery")) {
      specs.add(spec(name, true));
    }
    runtime = new InitcallRuntime(InitcallGraph.plan(specs), new Invoker() {
      @Override
      public void invoke(InitcallSpec spec) {}
    });
    runtime.addListener(new InitcallListener() {
      @Override
      public void flushStarted(String what) {
        flushes.merge(what, 1, Integer::sum);
      }
    });
    runtime.boot();
    files = new ControlFiles(ControlDirectory.open(tmp.resolve("ctl")), runtime);
    watcher = new ControlFileWatcher(files, runtime, HOUR);
    runtime.addListener(files);
    files.changed();
    deferred = files.directory().path().resolve(ControlFiles.DEFERRED);
    assertEquals("gallery\nusb\nusbhub\n", Files.readString(deferred));
  }

  private static InitcallSpec spec(String name, boolean deferred) {
    return new InitcallSpec(name, InitLevel.DEVICE, "app.C", name, List.of(), List.of(), null,
        deferred, false, "app.C." + name + "() in file:/app.jar");
  }

  @AfterEach
  void stop() {
    watcher.close();
    files.remove();
  }

  /** A shell's {@code exec 3> deferred_initcalls}: truncated, then written to piece by piece. */
  private FileChannel shell() throws IOException {
    return FileChannel.open(deferred, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static void piece(FileChannel shell, String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      shell.write(bytes);
    }
  }

  private String lastError() throws IOException {
    return Files.readString(deferred.resolveSibling(ControlFiles.LAST_ERROR));
  }

  @Test
  void oneThenXIsTheCommandOneXNotAFlushOfEverything() throws Exception {
    try (FileChannel shell = shell()) {
      piece(shell, "1");
      watcher.handle(ControlFiles.DEFERRED); // the agent reads "1" alone
      assertEquals("{}", flushes.toString(), "'1' without a newline may be the start of a line");
      piece(shell, "x\n");
      watcher.handle(ControlFiles.DEFERRED);
    }
    watcher.actOnSettled(System.nanoTime() + 2 * HOUR);
    assertEquals("{}", flushes.toString(), "nothing was flushed");
    assertTrue(lastError().contains("no initcall named '1x'"), lastError());
  }

  @Test
  void aNameThatIsThePrefixOfAnotherWaitsForTheRestOfIt() throws Exception {
    try (FileChannel shell = shell()) {
      piece(shell, "usb");
      watcher.handle(ControlFiles.DEFERRED);
      piece(shell, "hub\n");
      watcher.handle(ControlFiles.DEFERRED);
    }
    watcher.actOnSettled(System.nanoTime() + 2 * HOUR);
    assertEquals("{usbhub=1}", flushes.toString(), "usbhub, never usb");
  }

  @Test
  void textWithoutANewlineIsActedOnOnceItHasStoppedChanging() throws Exception {
    try (FileChannel shell = shell()) {
      piece(shell, "usb");
      watcher.handle(ControlFiles.DEFERRED);
      watcher.actOnSettled(System.nanoTime());
      assertEquals("{}", flushes.toString(), "not settled yet");
      piece(shell, "hub"); // its event not handled yet: the agent must look before it acts
      watcher.actOnSettled(System.nanoTime() + HOUR - TimeUnit.MINUTES.toNanos(1));
      assertEquals("{}", flushes.toString(), "it changed, so the wait started again");
      watcher.actOnSettled(System.nanoTime() + 2 * HOUR);
    }
    assertEquals("{usbhub=1}", flushes.toString());
    watcher.actOnSettled(System.nanoTime() + 4 * HOUR);
    assertEquals("{usbhub=1}", flushes.toString(), "acted on once");
  }

  @Test
  void theRestOfALineThatLandsInAFileAFreshViewReplacedStillCompletesIt() throws Exception {
    try (FileChannel shell = shell()) {
      piece(shell, "us");
      watcher.handle(ControlFiles.DEFERRED);
      Object before = Files.getAttribute(deferred, "unix:ino");
      runtime.flush("gallery"); // the view changes: a fresh file is renamed over the open one
      assertEquals("usb\nusbhub\n", Files.readString(deferred));
      assertTrue(!before.equals(Files.getAttribute(deferred, "unix:ino")), "replaced");
      piece(shell, "bhub\n"); // reaches only the replaced file
    }
    watcher.checkReplacedViews();
    watcher.actOnSettled(System.nanoTime() + 2 * HOUR);
    assertEquals("{gallery=1, usbhub=1}", flushes.toString());
  }
}
