package fields;

import testapp.Log;

/** An enum: its constants are public static fields, read by switches too. */
public enum Color {
  RED, GREEN;

  static {
    Log.add("color-init");
  }
}
