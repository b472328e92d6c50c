package org.initcall4j.agent.processor;

import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.tools.Diagnostic;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallName;
import org.initcall4j.agent.model.InitcallSpec;

/** Checks one {@code @Initcall} method and turns it into a spec, or reports why it cannot. */
final class SpecBuilder {
  /** Names go into a tab- and comma-separated index and into control files. */

  private final ProcessingEnvironment env;
  private final Element element;
  private final AnnotationMirror mirror;
  private boolean ok = true;

  SpecBuilder(ProcessingEnvironment env, Element element, AnnotationMirror mirror) {
    this.env = env;
    this.element = element;
    this.mirror = mirror;
  }

  /** The spec, or null after reporting every problem with the method. */
  InitcallSpec build() {
    if (!(element instanceof ExecutableElement method) || element.getKind() != ElementKind.METHOD) {
      error("@Initcall must be on a method");
      return null;
    }
    checkShape(method);
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    AnnotationReader values = new AnnotationReader(env.getElementUtils(), mirror);
    String name = values.string("name");
    checkName(name, "name");
    List<String> after = values.strings("after");
    List<String> before = values.strings("before");
    String partOf = values.string("partOf");
    after.forEach(n -> checkName(n, "after"));
    before.forEach(n -> checkName(n, "before"));
    if (!partOf.isEmpty()) {
      checkName(partOf, "partOf");
    }
    String levelName = values.enumName("level");
    InitLevel level = levelName == null ? null : InitLevel.parse(levelName);
    if (level == null) {
      error("unknown level " + levelName);
    }
    boolean async = values.bool("async");
    boolean mainThread = values.bool("mainThread");
    if (async && mainThread) {
      error("an initcall cannot be both async and mainThread: async lets it run on a pool thread,"
          + " mainThread pins it to the booting thread; drop one of them");
    }
    if (!ok) {
      return null;
    }
    String binaryName = env.getElementUtils().getBinaryName(owner).toString();
    String methodName = method.getSimpleName().toString();
    return new InitcallSpec(name, level, binaryName, methodName, after, before, partOf,
        values.bool("deferred"), async, mainThread,
        binaryName + "." + methodName + "()");
  }

  private void checkShape(ExecutableElement method) {
    Set<Modifier> modifiers = method.getModifiers();
    if (!modifiers.contains(Modifier.STATIC)) {
      error("an initcall must be static: make " + InitcallProcessor.describe(method)
          + " static, or call it from a static method that carries @Initcall");
    }
    if (!method.getParameters().isEmpty()) {
      error("an initcall takes no parameters; " + InitcallProcessor.describe(method) + " has "
          + method.getParameters().size());
    }
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      error("an initcall returns void; " + InitcallProcessor.describe(method) + " returns "
          + method.getReturnType() + " (throw an exception to report failure)");
    }
    Element owner = method.getEnclosingElement();
    if (owner instanceof TypeElement type && type.getNestingKind() != NestingKind.TOP_LEVEL
        && type.getNestingKind() != NestingKind.MEMBER) {
      error("an initcall must be in a top-level or member class, not a "
          + type.getNestingKind().name().toLowerCase(java.util.Locale.ROOT) + " class");
    }
    if (owner instanceof TypeElement type && type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC) && type.getKind() == ElementKind.CLASS) {
      error("an initcall must be in a static nested class; make " + type.getSimpleName()
          + " static");
    }
  }

  private void checkName(String name, String attribute) {
    if (!InitcallName.isValid(name)) {
      error("bad initcall name '" + name + "' in " + attribute
          + ": use " + InitcallName.RULE);
    }
  }

  private void error(String message) {
    ok = false;
    env.getMessager().printMessage(Diagnostic.Kind.ERROR, "initcall4j: " + message, element,
        mirror);
  }
}
