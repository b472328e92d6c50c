package m;

/** A config entry point deferred to the flush, with an argument. */
final class Usb {
  private Usb() {}

  static void connect(String port) {
    System.out.println("usb connect " + port);
  }
}
