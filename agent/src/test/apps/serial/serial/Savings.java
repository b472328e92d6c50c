package serial;

/** Serializable only through its superclass's interface's superinterface. */
public final class Savings extends Base {
  private static final double RATE;

  static {
    System.out.println("savings-init");
    RATE = 0.02;
  }

  private final long cents;

  public Savings(String label, long cents) {
    super(label);
    this.cents = cents;
  }

  @Override
  public String describe() {
    return label + " " + cents + " at " + RATE;
  }
}
