package org.initcall4j.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.initcall4j.Initcall;
import org.initcall4j.Level;

/**
 * The image sensor and the JPEG encoder: needed for the first picture. Frames are computed, not
 * random, so the same picture number gives the same bytes with or without the agent.
 */
public final class Sensor {
  static final int WIDTH = 800;
  static final int HEIGHT = 600;

  private static int[] gamma;
  private static ImageWriter jpeg;

  private Sensor() {}

  /** Builds the sensor's gamma table and finds the JPEG encoder (ImageIO's registry scan). */
  @Initcall(name = "sensor", level = Level.DEVICE)
  static synchronized void calibrate() {
    int[] table = new int[256];
    for (int i = 0; i < table.length; i++) {
      table[i] = (int) Math.round(255 * Math.pow(i / 255.0, 1 / 2.2));
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JDK has no ImageIO JPEG writer");
    }
    jpeg = writers.next();
    gamma = table;
  }

  /** Exposes frame {@code number}: a colour test scene that differs per picture. */
  static BufferedImage expose(int number) {
    int[] table = gamma;
    if (table == null) {
      throw new IllegalStateException("sensor is not calibrated (initcall 'sensor' has not run)");
    }
    BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[WIDTH];
    int shift = number * 37;
    for (int y = 0; y < HEIGHT; y++) {
      int dy = y - HEIGHT / 2;
      for (int x = 0; x < WIDTH; x++) {
        int dx = x - WIDTH / 2;
        // concentric rings, a horizontal ramp and diagonal stripes, moved by the picture number
        int r = table[((dx * dx + dy * dy) / 97 + shift) & 0xff];
        int g = table[x * 255 / WIDTH];
        int b = table[((x + y) * 2 + shift * 3) & 0xff];
        row[x] = r << 16 | g << 8 | b;
      }
      frame.setRGB(0, y, WIDTH, 1, row, 0, WIDTH);
    }
    return frame;
  }

  /** Encodes a frame as JPEG at quality 0.9. */
  static synchronized byte[] encode(BufferedImage frame) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 18);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      jpeg.setOutput(out);
      ImageWriteParam param = jpeg.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      jpeg.write(null, new IIOImage(frame, null, null), param);
    }
    return bytes.toByteArray();
  }
}
