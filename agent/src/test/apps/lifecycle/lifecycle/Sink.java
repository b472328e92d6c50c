package lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Existing code: deferred entry points with parameters of every kind the config check sees. */
public final class Sink {
  private Sink() {}

  public static void write(byte[] data) {
    System.out.println("sink " + new String(data, StandardCharsets.US_ASCII));
  }

  public static void grid(char[][] rows) {
    StringBuilder text = new StringBuilder("grid");
    for (char[] row : rows) {
      text.append(' ').append(row);
    }
    System.out.println(text);
  }

  /** Known immutable, every one: replayed as it was at the call. */
  public static void values(int count, String name, Integer boxed, Instant when, Color color,
      Point point, String[] tags, long[][] matrix, UUID id) {
    System.out.println("values " + count + " " + name + " " + color + " " + point);
  }

  /** Mutable: refused unless the config says replaying by reference is intended. */
  public static void note(StringBuilder text) {
    System.out.println("note " + text);
  }

  public static void labeled(Labeled label) {
    System.out.println("labeled " + label);
  }

  public static void objects(Object[] things) {
    System.out.println("objects " + things.length);
  }

  /** Ends the JVM from inside its own (replayed) call. */
  public static void quit() {
    System.out.println("quit");
    System.exit(4);
  }

  public static void holder(Holder holder) {
    System.out.println("holder " + holder.value);
  }

  public enum Color { RED, GREEN }

  public record Point(int x, int y) {}

  /** A record with a mutable component is not immutable. */
  public record Labeled(String name, java.util.List<String> tags) {}

  /** A plain class with a mutable field. */
  public static class Holder {
    public String value = "";
  }
}
