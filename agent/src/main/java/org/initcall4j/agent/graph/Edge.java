package org.initcall4j.agent.graph;

/**
 * {@code dependent} may run only once {@code prerequisite} is done. How the edge was declared is
 * kept as references and spelt out only when a problem is reported: a graph of 100k initcalls
 * must not build 300k messages nobody reads.
 *
 * @param declaredBy the initcall whose declaration made the edge
 * @param relation {@code after}, {@code before} or {@code is part of}
 * @param named the name the declaration gives
 * @param subsystem the named subsystem when the prerequisite is one of its parts; else null
 */
record Edge(Node prerequisite, Node dependent, Node declaredBy, String relation, String named,
    Node subsystem) {

  /** How the edge was declared, e.g. {@code usb after storage, declared at ...}. */
  String why() {
    String declared = declaredBy.name() + " " + relation + " " + named + ", declared at "
        + declaredBy.spec.origin();
    return subsystem == null ? declared
        : declared + " (" + prerequisite.name() + " is part of " + subsystem.name() + ")";
  }
}
