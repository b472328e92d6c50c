package lazy;

/** A superclass whose static initializer uses its deferred subclass, slowly. */
public class Base {
  static {
    Log.BASE_INITIALIZING.countDown();
    try {
      Thread.sleep(300); // long enough for another thread to start flushing Derived
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Log.add("base sees derived " + Derived.value());
  }
}
