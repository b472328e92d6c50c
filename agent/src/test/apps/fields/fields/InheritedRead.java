package fields;

/** Loaded after Sub: reads Base's field through the subclass's name. */
final class InheritedRead {
  private InheritedRead() {}

  static String name() {
    return Sub.NAME;
  }
}
