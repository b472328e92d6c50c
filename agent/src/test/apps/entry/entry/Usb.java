package entry;

import testapp.Log;

/** Existing code: an instance entry point with arguments. */
public final class Usb {
  private final String bus;

  public Usb(String bus) {
    this.bus = bus;
  }

  /** An instance method without parameters: the agent cannot call it at boot. */
  public void reset() {
    Log.add("reset " + bus);
  }

  public void connect(String port, int speed) {
    Log.add("connect " + bus + " " + port + " " + speed + " on " + Thread.currentThread().getName());
  }
}
