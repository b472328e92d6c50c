package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallListener;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.Invoker;
import org.initcall4j.agent.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write whose {@code open()} came before the rename of a fresh view over
 * {@code deferred_initcalls}: reproduced without timing luck by opening the file first, changing
 * the view, and only then writing through the open descriptor (as a shell stalled between its
 * {@code open} and its {@code write} would). And writes whose text the file holds already: the
 * view's own text, the same command twice. Real files, the real watcher thread.
 */
class RacingWriteTest {
  @TempDir
  Path tmp;

  private final Map<String, Integer> flushes = new TreeMap<>();
  private final Map<String, Integer> runs = new TreeMap<>();
  private InitcallRuntime runtime;
  private ControlFiles files;
  private ControlFileWatcher watcher;
  private Thread thread;
  private Path deferred;

  /** Starts the runtime (storage runs at boot, the rest is deferred) and the control thread. */
  private void start(List<String> deferredNames) throws Exception {
    List<InitcallSpec> specs = new ArrayList<>();
    specs.add(spec("storage", false));
    for (String name : deferredNames) {
      specs.add(spec(name, true));
    }
    runtime = new InitcallRuntime(InitcallGraph.plan(specs), new Invoker() {
      @Override
      public void invoke(InitcallSpec spec) {
        synchronized (runs) {
          runs.merge(spec.name(), 1, Integer::sum);
        }
      }
    });
    runtime.addListener(new InitcallListener() {
      @Override
      public void flushStarted(String what) {
        synchronized (flushes) {
          flushes.merge(what, 1, Integer::sum);
        }
      }
    });
    runtime.boot();
    Path dir = tmp.resolve("ctl");
    files = new ControlFiles(ControlDirectory.open(dir), runtime);
    watcher = new ControlFileWatcher(files, runtime);
    runtime.addListener(files);
    files.changed();
    thread = new Thread(watcher::run, "test-control");
    thread.setDaemon(true);
    thread.start();
    deferred = dir.resolve(ControlFiles.DEFERRED);
  }

  private static InitcallSpec spec(String name, boolean deferred) {
    return new InitcallSpec(name, InitLevel.DEVICE, "app.C", name, List.of(), List.of(), null,
        deferred, false, "app.C." + name + "() in file:/app.jar");
  }

  @AfterEach
  void stop() throws Exception {
    if (watcher != null) {
      watcher.close();
      files.remove();
      Await.ended(thread); // closing the watcher ends its thread
    }
  }

  @Test
  void aWriteIntoTheReplacedViewFlushesOnce() throws Exception {
    start(List.of("usb", "gallery", "printer"));
    awaitContent("gallery\nprinter\nusb\n");
    Object before = fileKey();
    try (FileChannel operator = FileChannel.open(deferred, StandardOpenOption.WRITE)) {
      runtime.flush("printer"); // the view changes: a fresh file is renamed over the open one
      await(() -> !Objects.equals(before, fileKey()), "the view to be renamed over the file");
      awaitContent("gallery\nusb\n");
      write(operator, "1\n"); // reaches only the replaced file
    }
    await(() -> flushCount("all") == 1, "the racing write to flush everything");
    awaitContent("");
    awaitAllChecked();
    assertEquals("{all=1, printer=1}", flushes(), "each command is acted on once");
    assertEquals("{gallery=1, printer=1, storage=1, usb=1}", runs());
  }

  @Test
  void aWriteSeenThroughTheNameAndInTheReplacedFileIsActedOnOnce() throws Exception {
    start(List.of("usb", "gallery", "printer"));
    awaitContent("gallery\nprinter\nusb\n");
    try (FileChannel operator = FileChannel.open(deferred, StandardOpenOption.WRITE)) {
      Object before = fileKey();
      // the name still points to it: found through the name, then kept when the view replaces it
      write(operator, "gallery\n");
      await(() -> flushCount("gallery") == 1, "the write through the name to flush gallery");
      await(() -> !Objects.equals(before, fileKey()), "the view to be renamed over the command");
      awaitContent("printer\nusb\n");
      // a second command through the same descriptor, which now reaches only the replaced file
      write(operator, "usb\n");
      await(() -> flushCount("usb") == 1, "the racing write to flush usb");
    }
    awaitContent("printer\n");
    awaitAllChecked();
    assertEquals("{gallery=1, usb=1}", flushes(), "each command is acted on once");
    assertEquals("{gallery=1, storage=1, usb=1}", runs());
  }

  @Test
  void aBadWriteIntoTheReplacedViewIsRejectedAndRunsNothing() throws Exception {
    start(List.of("usb", "printer"));
    awaitContent("printer\nusb\n");
    Path lastError = deferred.resolveSibling(ControlFiles.LAST_ERROR);
    try (FileChannel operator = FileChannel.open(deferred, StandardOpenOption.WRITE)) {
      runtime.flush("printer");
      awaitContent("usb\n");
      write(operator, "usv\n");
    }
    await(() -> read(lastError).contains("no initcall named 'usv'"), "the rejection in last_error");
    assertTrue(read(lastError).startsWith("initcall4j: control: rejected a write to " + deferred),
        read(lastError));
    awaitAllChecked();
    assertEquals("{printer=1}", flushes());
    assertEquals("usb\n", read(deferred));
  }

  @Test
  void replacedFilesStayFewHeldByNoDescriptorAndGoAtRemoval() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 3 * ReplacedViews.MAX_KEPT; i++) {
      names.add("late" + i);
    }
    start(names);
    await(() -> read(deferred).startsWith("late0\n"), "the first view");
    for (String name : names) {
      runtime.flush(name); // one rename each
      // the replaced files, the view's own, and one a view being published may have already
      long hidden = hiddenNames();
      assertTrue(hidden <= ReplacedViews.MAX_KEPT + 2, hidden + " hidden names");
      // reached by name, never held open: at most a file the control thread is reading now
      long open = openInDirectory();
      assertTrue(open <= 1, open + " files of the directory are open");
    }
    awaitContent("");
    assertTrue(hiddenNames() >= 1, "the view itself is watched");
    await(() -> openInDirectory() == 0, "no file of the directory to stay open");
    stop();
    watcher = null;
    assertFalse(Files.exists(deferred.getParent()), "the directory, hidden names and all, goes");
    assertEquals(0, files.replacedKept());
  }

  @Test
  void theViewsOwnTextWrittenBackFlushesEveryTime() throws Exception {
    start(List.of("usb"));
    awaitContent("usb\n");
    // what the file holds already, written over it in place (no truncation): at no moment does
    // the file hold anything else, so only its change can tell
    try (FileChannel inPlace = FileChannel.open(deferred, StandardOpenOption.WRITE)) {
      inPlace.write(ByteBuffer.wrap("usb\n".getBytes(StandardCharsets.UTF_8)), 0);
    }
    await(() -> flushCount("usb") == 1, "the write of the view's own text to flush usb");
    awaitContent("");
    for (int i = 2; i <= 5; i++) {
      Files.writeString(deferred, "usb\n");
      int expected = i;
      await(() -> flushCount("usb") == expected, "write " + i + " of usb to be acted on");
    }
    awaitAllChecked();
    assertEquals("{usb=5}", flushes(), "five writes, five flushes (four with nothing to run)");
    assertEquals("{storage=1, usb=1}", runs());
  }

  @Test
  void theSameNameTwiceInARowThroughOneDescriptorFlushesTwice() throws Exception {
    writeTwiceThroughOneDescriptor("usb", "usb", "gallery\n", "{storage=1, usb=1}");
  }

  @Test
  void oneTwiceInARowThroughOneDescriptorFlushesTwice() throws Exception {
    writeTwiceThroughOneDescriptor("1", "all", "", "{gallery=1, storage=1, usb=1}");
  }

  /**
   * Writes the command, waits until it is acted on, and writes it again through the same
   * descriptor: into the same file, or the one a fresh view has replaced meanwhile. Each is a
   * write, though the second brings the text the first left.
   */
  private void writeTwiceThroughOneDescriptor(String command, String what, String viewAfter,
      String runsAfter) throws Exception {
    start(List.of("usb", "gallery"));
    awaitContent("gallery\nusb\n");
    try (FileChannel operator = FileChannel.open(deferred, StandardOpenOption.WRITE)) {
      write(operator, command + "\n");
      await(() -> flushCount(what) == 1, "the first " + command + " to be acted on");
      write(operator, command + "\n");
      await(() -> flushCount(what) == 2, "the second " + command + " to be acted on");
    }
    awaitContent(viewAfter);
    awaitAllChecked();
    assertEquals("{" + what + "=2}", flushes());
    assertEquals(runsAfter, runs());
  }

  /** The agent's hidden names in the control directory. */
  private long hiddenNames() throws IOException {
    try (Stream<Path> names = Files.list(deferred.getParent())) {
      // hidden names are .deferred_initcalls.<n>; the view being written, .deferred_initcalls.tmp,
      // is no hidden name (counting it made the bound fail whenever a publish was under way)
      return names.filter(f -> f.getFileName().toString().matches("\\.deferred_initcalls\\.\\d+"))
          .count();
    }
  }

  /** Writes as a shell's {@code >} does, through a descriptor opened earlier. */
  private static void write(FileChannel channel, String text) throws IOException {
    channel.truncate(0);
    channel.position(0);
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /** Descriptors of this JVM open on files of the control directory, deleted ones included. */
  private long openInDirectory() throws IOException {
    String dir = deferred.getParent().toString() + "/";
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().startsWith(dir);
        } catch (IOException e) {
          return false; // the descriptor of the listing itself, closed by now
        }
      }).count();
    }
  }

  /** Waits until every replaced file had its last check, so a second action would have shown. */
  private void awaitAllChecked() throws Exception {
    await(() -> files.replacedKept() == 0, "the replaced files to be checked for the last time");
  }

  private void awaitContent(String expected) throws Exception {
    await(() -> expected.equals(read(deferred)), "deferred_initcalls to hold '" + expected + "'");
  }

  private void await(Await.Probe<Boolean> condition, String what) throws Exception {
    Await.value(what, condition).within(Duration.ofSeconds(20)).describing(this::state)
        .until(Boolean.TRUE::equals);
  }

  private String state() {
    return "deferred_initcalls: '" + read(deferred) + "', last_error: '"
        + read(deferred.resolveSibling(ControlFiles.LAST_ERROR)) + "', flushes " + flushes()
        + ", runs " + runs() + ", replaced files kept " + files.replacedKept();
  }

  private int flushCount(String what) {
    synchronized (flushes) {
      return flushes.getOrDefault(what, 0);
    }
  }

  private String flushes() {
    synchronized (flushes) {
      return flushes.toString();
    }
  }

  private String runs() {
    synchronized (runs) {
      return runs.toString();
    }
  }

  private Object fileKey() {
    try {
      return Files.readAttributes(deferred, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "<" + e + ">";
    }
  }
}
