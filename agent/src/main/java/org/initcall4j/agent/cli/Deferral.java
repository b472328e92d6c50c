package org.initcall4j.agent.cli;

import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.profile.CallFinding;
import org.initcall4j.agent.profile.Finding;
import org.initcall4j.agent.profile.SuggestedConfig;

/**
 * What a run of the advisor defers: static initializers, and entry points whose calls are
 * parked until the flush.
 */
record Deferral(List<Finding> classes, List<CallFinding> entryPoints) {
  Deferral {
    classes = List.copyOf(classes);
    entryPoints = List.copyOf(entryPoints);
  }

  boolean isEmpty() {
    return classes.isEmpty() && entryPoints.isEmpty();
  }

  /**
   * Whether calls are parked: then the runs flush when ready ({@code flush=ready}), or the
   * parked calls would wait for the JVM's exit.
   */
  boolean parksCalls() {
    return !entryPoints.isEmpty();
  }

  /** Each entry on its own. */
  List<Deferral> each() {
    List<Deferral> each = new ArrayList<>();
    for (Finding finding : classes) {
      each.add(new Deferral(List.of(finding), List.of()));
    }
    for (CallFinding call : entryPoints) {
      each.add(new Deferral(List.of(), List.of(call)));
    }
    return each;
  }

  /** Without the entries of {@code left}. */
  Deferral without(List<Deferral> left) {
    List<Finding> keptClasses = new ArrayList<>(classes);
    List<CallFinding> keptCalls = new ArrayList<>(entryPoints);
    for (Deferral out : left) {
      keptClasses.removeAll(out.classes);
      keptCalls.removeAll(out.entryPoints);
    }
    return new Deferral(keptClasses, keptCalls);
  }

  /** {@code com.acme.Report, com.acme.Cache#preload()}. */
  String names() {
    List<String> names = new ArrayList<>();
    for (Finding finding : classes) {
      if (!names.contains(finding.className())) {
        names.add(finding.className());
      }
    }
    for (CallFinding call : entryPoints) {
      names.add(call.target());
    }
    return String.join(", ", names);
  }

  /** {@code 3 classes}, {@code 1 class and 2 entry points}, {@code 1 entry point}. */
  String counted() {
    String classCount = classes.size() + (classes.size() == 1 ? " class" : " classes");
    String callCount = entryPoints.size() + (entryPoints.size() == 1 ? " entry point"
        : " entry points");
    return entryPoints.isEmpty() ? classCount : classes.isEmpty() ? callCount
        : classCount + " and " + callCount;
  }

  /** The config file's text. */
  String config(List<String> header) {
    return SuggestedConfig.format(header, classes, entryPoints);
  }
}
