package org.initcall4j.demo;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.initcall4j.Initcall;

/**
 * Scales every picture to a 160x120 thumbnail in {@code THUMBS/} for the gallery. Deferred: the
 * first picture does not need it, and when it starts it catches up on the pictures taken so far.
 */
public final class Thumbnails {
  static final String DIR = "THUMBS";
  static final int WIDTH = 160;
  static final int HEIGHT = 120;

  private static boolean started;

  private Thumbnails() {}

  @Initcall(name = "thumbnails", partOf = "connectivity", after = "storage", deferred = true)
  static synchronized void start() {
    try {
      Files.createDirectories(Storage.root().resolve(DIR));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Storage.onSave(Thumbnails::make);
    for (Path picture : Storage.pictures()) {
      make(picture);
    }
    started = true;
  }

  static Path thumbnailOf(Path picture) {
    return Storage.root().resolve(DIR).resolve(picture.getFileName());
  }

  /** Makes one picture's thumbnail unless it exists. */
  static synchronized void make(Path picture) {
    Path thumbnail = thumbnailOf(picture);
    if (Files.exists(thumbnail)) {
      return;
    }
    try {
      BufferedImage full = ImageIO.read(picture.toFile());
      BufferedImage small = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = small.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
          RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(full, 0, 0, WIDTH, HEIGHT, null);
      g.dispose();
      if (!ImageIO.write(small, "jpeg", thumbnail.toFile())) {
        throw new IllegalStateException("no JPEG writer for thumbnails");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the thumbnail of " + picture, e);
    }
  }

  static synchronized boolean started() {
    return started;
  }
}
