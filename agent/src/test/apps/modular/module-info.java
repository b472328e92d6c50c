/** A modular application: package m is neither exported nor opened, to anyone. */
module app {
  requires org.initcall4j;
}
