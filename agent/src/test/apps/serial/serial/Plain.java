package serial;

/** Not Serializable: deferring it adds no field. */
public final class Plain {
  private static final String NAME;

  static {
    NAME = "plain";
  }

  private Plain() {}

  public static String name() {
    return NAME;
  }
}
