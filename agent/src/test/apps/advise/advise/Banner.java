package advise;

/** Prints the banner before ready: deferring {@link #show} moves the line, a changed output. */
final class Banner {
  private Banner() {}

  static void show() {
    Slow.sleep(60);
    System.out.println("banner: welcome");
  }
}
