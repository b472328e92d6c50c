package profile;

/** Loaded by a class loader that cannot see the agent: must work, untimed. */
public final class ViaDetachedLoader {
  public static final String VALUE = String.valueOf(System.identityHashCode(new Object()) >= 0);
}
