package org.initcall4j.agent.graph;

/**
 * {@code dependent} may run only once {@code prerequisite} is done.
 *
 * @param why how the edge was declared, e.g. {@code usb after storage, declared at ...}
 */
record Edge(Node prerequisite, Node dependent, String why) {}
