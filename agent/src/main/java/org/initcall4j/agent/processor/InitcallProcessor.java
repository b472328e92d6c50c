package org.initcall4j.agent.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;
import org.initcall4j.agent.graph.GraphProblem;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.graph.InitcallGraphException;
import org.initcall4j.agent.index.IndexFormat;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * Compile-time half of initcall4j, the JVM's {@code build_initcalls}: checks every
 * {@code @Initcall} and the graph they form, reports problems as compile errors at the annotated
 * method, and writes the jar's index ({@value IndexFormat#RESOURCE}).
 *
 * <p>Option {@code -Ainitcall4j.external=a:b} names initcalls declared in other jars, so edges to
 * them are not reported as unknown.
 */
public final class InitcallProcessor extends AbstractProcessor {
  static final String ANNOTATION = "org.initcall4j.Initcall";
  static final String EXTERNAL_OPTION = "initcall4j.external";

  private final List<InitcallSpec> specs = new ArrayList<>();
  private final Map<String, Element> elements = new HashMap<>();
  private final Map<String, AnnotationMirror> mirrors = new HashMap<>();
  private final Set<String> reported = new HashSet<>();
  private boolean failed;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ANNOTATION);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(EXTERNAL_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    int before = specs.size();
    for (TypeElement annotation : annotations) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        collect(element, annotation);
      }
    }
    // Checked in the round that found the methods: javac only places a diagnostic at an element
    // of the current round.
    if (specs.size() > before) {
      checkGraph();
    }
    if (round.processingOver() && !specs.isEmpty() && !failed) {
      writeIndex();
    }
    return false;
  }

  private void collect(Element element, TypeElement annotation) {
    AnnotationMirror mirror = AnnotationReader.find(element, annotation);
    SpecBuilder builder = new SpecBuilder(processingEnv, element, mirror);
    InitcallSpec spec = builder.build();
    if (spec == null) {
      failed = true;
      return;
    }
    Element previous = elements.putIfAbsent(spec.name(), element);
    if (previous != null) {
      error(element, mirror, "duplicate initcall name '" + spec.name() + "', also used by "
          + describe(previous) + "; rename one of them");
      return;
    }
    mirrors.put(spec.name(), mirror);
    specs.add(spec);
  }

  private void checkGraph() {
    try {
      InitcallGraph.plan(specs, externalNames());
    } catch (InitcallGraphException e) {
      for (GraphProblem problem : e.problems()) {
        if (reported.add(problem.message())) {
          error(elements.get(problem.subject()), mirrors.get(problem.subject()),
              problem.message());
        } else {
          failed = true;
        }
      }
    }
  }

  private Set<String> externalNames() {
    String option = processingEnv.getOptions().get(EXTERNAL_OPTION);
    Set<String> names = new HashSet<>();
    if (option != null) {
      for (String name : option.split("[:,]")) {
        if (!name.isBlank()) {
          names.add(name.strip());
        }
      }
    }
    return names;
  }

  private void writeIndex() {
    try {
      FileObject file = processingEnv.getFiler()
          .createResource(StandardLocation.CLASS_OUTPUT, "", IndexFormat.RESOURCE);
      try (Writer writer = file.openWriter()) {
        writer.write(IndexFormat.formatAll(specs));
      }
    } catch (IOException e) {
      error(null, null, "cannot write " + IndexFormat.RESOURCE + ": " + e);
    }
  }

  static String describe(Element method) {
    return method.getEnclosingElement() + "." + method.getSimpleName() + "()";
  }

  private void error(Element element, AnnotationMirror mirror, String message) {
    failed = true;
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "initcall4j: " + message,
        element, mirror);
  }

}
