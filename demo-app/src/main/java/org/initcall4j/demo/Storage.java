package org.initcall4j.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.initcall4j.Initcall;
import org.initcall4j.Level;

/**
 * The memory card: a DCF-style directory ({@code DCIM/100INITC/IMG_0001.JPG}) under
 * {@code -Dcamera.dir} (default {@code <tmp>/initcall4j-camera}). Needed for the first picture,
 * so it is never deferred.
 */
public final class Storage {
  static final String PICTURES = "DCIM/100INITC";

  private static volatile Path root;
  private static int nextNumber;
  private static final List<Consumer<Path>> ON_SAVE = new CopyOnWriteArrayList<>();

  private Storage() {}

  @Initcall(name = "storage", level = Level.FS)
  static synchronized void mount() {
    Path dir = Paths.get(System.getProperty("camera.dir",
        Paths.get(System.getProperty("java.io.tmpdir"), "initcall4j-camera").toString()));
    try {
      Files.createDirectories(dir.resolve(PICTURES));
      // A real mount checks the card is writable: write and sync a probe file.
      Path probe = dir.resolve(".probe");
      try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(java.nio.ByteBuffer.wrap(new byte[4096]));
        channel.force(true);
      }
      Files.delete(probe);
      int highest = 0;
      for (Path picture : listIn(dir)) {
        highest = Math.max(highest, numberOf(picture));
      }
      nextNumber = highest + 1;
      root = dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mount the picture store at " + dir, e);
    }
  }

  /** The mounted card's root directory. */
  public static Path root() {
    Path mounted = root;
    if (mounted == null) {
      throw new IllegalStateException("storage is not mounted (initcall 'storage' has not run)");
    }
    return mounted;
  }

  /** Every picture on the card, oldest first. */
  public static List<Path> pictures() {
    try {
      return listIn(root());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Called with each picture after it is written; modules that start later catch up themselves. */
  static void onSave(Consumer<Path> listener) {
    ON_SAVE.add(listener);
  }

  /** Makes the bytes of picture number n. */
  interface Shot {
    byte[] take(int number) throws IOException;
  }

  /** Takes the next picture number, writes the picture and tells the listeners. */
  static Path save(Shot shot) throws IOException {
    Path picture;
    synchronized (Storage.class) {
      int number = nextNumber;
      picture = root().resolve(PICTURES).resolve(String.format("IMG_%04d.JPG", number));
      Files.write(picture, shot.take(number), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      nextNumber = number + 1;
    }
    for (Consumer<Path> listener : ON_SAVE) {
      listener.accept(picture);
    }
    return picture;
  }

  static int numberOf(Path picture) {
    String name = picture.getFileName().toString();
    return Integer.parseInt(name.substring(4, name.length() - 4));
  }

  private static List<Path> listIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve(PICTURES))) {
      return files.filter(p -> p.getFileName().toString().matches("IMG_\\d{4}\\.JPG"))
          .sorted().toList();
    }
  }
}
