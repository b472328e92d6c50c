package fields;

/** Not deferred: Sub.NAME is Base's field. */
public class Sub extends Base {
  public static String OWN = "own";
}
