package org.initcall4j.agent.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/** Reads {@code @Initcall} values from its mirror, so the processor needs no api classes. */
final class AnnotationReader {
  private final Map<? extends ExecutableElement, ? extends AnnotationValue> values;

  AnnotationReader(Elements elements, AnnotationMirror mirror) {
    this.values = elements.getElementValuesWithDefaults(mirror);
  }

  static AnnotationMirror find(Element element, TypeElement annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (mirror.getAnnotationType().asElement().equals(annotation)) {
        return mirror;
      }
    }
    throw new IllegalStateException("no @" + annotation + " on " + element);
  }

  private Object raw(String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : values.entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue().getValue();
      }
    }
    return null;
  }

  String string(String name) {
    Object value = raw(name);
    return value == null ? "" : value.toString();
  }

  boolean bool(String name) {
    return Boolean.TRUE.equals(raw(name));
  }

  /** An enum constant's name. */
  String enumName(String name) {
    Object value = raw(name);
    return value instanceof VariableElement constant ? constant.getSimpleName().toString() : null;
  }

  List<String> strings(String name) {
    List<String> out = new ArrayList<>();
    if (raw(name) instanceof List<?> list) {
      for (Object item : list) {
        out.add(((AnnotationValue) item).getValue().toString());
      }
    }
    return out;
  }
}
