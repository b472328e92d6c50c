package kindsmain;

/** Runs both probes of static initializer shapes and prints what they saw. */
public final class Main {
  public static void main(String[] args) throws Exception {
    System.out.println(new kinds.Probe().call());
    System.out.println(new kinds17.Probe17().call());
  }
}
