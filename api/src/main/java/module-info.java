/**
 * What applications compile against. An explicit module rather than an Automatic-Module-Name, so
 * that its name holds wherever the classes are: in the jar, in {@code target/classes} of a
 * reactor build or an IDE, in a jlink image. It reads nothing but {@code java.base}: it reaches
 * the agent (on the class path) by reflection only, which needs no readability.
 */
module org.initcall4j {
  exports org.initcall4j;
}
