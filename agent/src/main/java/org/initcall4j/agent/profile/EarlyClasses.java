package org.initcall4j.agent.profile;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.initcall4j.agent.classfile.ClassFileScan;

/**
 * Selected classes that were loaded before profile mode started, so their static initializers
 * can never be timed. With the JDK's AOT cache (JDK 24+) that is every class the cache holds:
 * they are loaded before {@code premain}, and a cache trained without profile mode holds the
 * classes with static initializers too, which the blame list would then leave out without a
 * word. (After an attach, it is every class loaded before it.) Noted when profile mode starts,
 * with one JVMTI call; judged at exit, off the start-up path, by reading their class files.
 */
final class EarlyClasses {
  private static final int NAMED_AT_MOST = 10;

  private final Class<?>[] classes;

  private EarlyClasses(Class<?>[] classes) {
    this.classes = classes;
  }

  /** The selected classes {@code loader} has defined so far; call after the transformer is in. */
  static EarlyClasses noted(Instrumentation instrumentation, ClassSelection selection,
      ClassLoader loader) {
    List<Class<?>> early = new ArrayList<>();
    for (Class<?> loaded : instrumentation.getInitiatedClasses(loader)) {
      if (loaded.getClassLoader() == loader && !loaded.isArray() && !loaded.isHidden()
          && selection.selects(loaded.getName().replace('.', '/'))) {
        early.add(loaded);
      }
    }
    return new EarlyClasses(early.toArray(new Class<?>[0]));
  }

  /** The noted classes whose class file has a static initializer, by binary name, sorted. */
  List<String> withStaticInitializer() {
    List<String> found = new ArrayList<>();
    for (Class<?> type : classes) {
      String resource = type.getName().replace('.', '/') + ".class";
      try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
        if (in != null && ClassFileScan.scan(in.readAllBytes()) == ClassFileScan.HAS_CLINIT) {
          found.add(type.getName());
        }
      } catch (IOException e) {
        // its class file cannot be read now: it cannot be judged either way
      }
    }
    Collections.sort(found);
    return found;
  }

  /** A line for the blame list naming what it cannot show, or "" when nothing is missing. */
  String note() {
    if (classes.length == 0) {
      return "";
    }
    List<String> missed = withStaticInitializer();
    if (missed.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("initcall4j profile: ").append(missed.size())
        .append(missed.size() == 1 ? " class with a static initializer was" : " classes with a"
            + " static initializer were")
        .append(" loaded before profile mode started, so not timed: ");
    for (int i = 0; i < Math.min(missed.size(), NAMED_AT_MOST); i++) {
      text.append(i == 0 ? "" : ", ").append(missed.get(i));
    }
    if (missed.size() > NAMED_AT_MOST) {
      text.append(" and ").append(missed.size() - NAMED_AT_MOST).append(" more");
    }
    return text.append(" (with the JDK's AOT cache, it was trained without profile mode: train"
        + " it again with the same -javaagent options, or profile without -XX:AOTCache)\n")
        .toString();
  }
}
