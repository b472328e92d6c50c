package serial;

import java.io.ObjectStreamField;
import java.io.Serializable;

/** Serializable classes whose deferral the config check refuses, each for its reason. */
public final class Refused {
  private Refused() {}

  /** Its static initializer sets serialVersionUID, which serialization reads directly. */
  public static class ComputedUid implements Serializable {
    private static final long serialVersionUID = Long.parseLong("7");
  }

  /** Its static initializer sets serialPersistentFields, read directly too. */
  public static class PersistentFields implements Serializable {
    private static final ObjectStreamField[] serialPersistentFields = {
        new ObjectStreamField("name", String.class)};
    private String name = "x";
  }

  /** A field of that name serialization ignores, where the kept one would have to go. */
  public static class OddUid implements Serializable {
    private static final String NAME = String.valueOf(1);
    private long serialVersionUID;
  }
}
