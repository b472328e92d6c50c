package profile;

/** Loaded by a child of the application class loader: timed. */
public final class ViaChildLoader {
  public static final String VALUE = String.valueOf(System.identityHashCode(new Object()) >= 0);
}
