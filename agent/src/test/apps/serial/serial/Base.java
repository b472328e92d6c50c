package serial;

/** Serializable only through the interface it implements. */
public abstract class Base implements Entry {
  protected final String label;

  protected Base(String label) {
    this.label = label;
  }
}
