package fields;

import testapp.Log;

/** A deferred class whose public static field is also named through a subclass. */
public class Base {
  public static String NAME;

  static {
    Log.add("base-init");
    NAME = "base";
  }
}
