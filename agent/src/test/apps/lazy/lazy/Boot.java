package lazy;

import testapp.Log;

/** Existing start-up code that happens to touch Second before First's turn. */
public final class Boot {
  private Boot() {}

  public static void touchSecond() {
    Log.add("early touches " + Second.name());
  }
}
