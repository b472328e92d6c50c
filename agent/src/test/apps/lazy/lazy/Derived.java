package lazy;

import testapp.Log;

/** Deferred; its superclass's static initializer calls into it. */
public final class Derived extends Base {
  private static final int VALUE;

  static {
    Log.add("derived-init on " + Thread.currentThread().getName());
    VALUE = 7;
  }

  private Derived() {}

  static int value() {
    return VALUE;
  }
}
