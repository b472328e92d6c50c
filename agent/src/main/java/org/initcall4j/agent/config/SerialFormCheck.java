package org.initcall4j.agent.config;

import java.io.IOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Whether a rewrite must keep a class's serialized form, and whether it can. The rewrite keeps
 * the serialVersionUID of a Serializable class whose default it changes (by adding the original
 * as a constant); this tells which classes are Serializable, from class files read as resources
 * (the transformer cannot load classes, and neither can this check), walking the superclasses
 * and interfaces, the JDK's included, up to {@code java.io.Serializable} ({@code Externalizable}
 * extends it). Answers are kept for the other targets of the same config.
 */
final class SerialFormCheck {
  private static final String SERIALIZABLE = "java/io/Serializable";
  private static final int STATIC_FINAL = Opcodes.ACC_STATIC | Opcodes.ACC_FINAL;
  private final ClassLoader loader;
  private final Map<String, Boolean> known = new HashMap<>();

  SerialFormCheck(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * Why a Serializable class's serialized form could not be kept through its rewrite, or null.
   * Serialization reads serialVersionUID and serialPersistentFields from the class directly, so
   * no guard runs a deferred initializer first; and the constant the rewrite adds needs the
   * name free.
   *
   * @param deferred its static initializer is deferred (rather than only a method hooked)
   */
  static String refusal(ClassShape shape, boolean deferred) {
    for (ClassShape.Field field : shape.fields) {
      if (field.name().equals("serialVersionUID")) {
        boolean counted = (field.access() & STATIC_FINAL) == STATIC_FINAL
            && field.descriptor().length() == 1 && "BCSIJ".contains(field.descriptor());
        if (!counted) {
          return "has a field named serialVersionUID that serialization ignores (not static"
              + " final of an integral type), so the rewrite, which changes its default"
              + " serialVersionUID, cannot add the one it has now beside it; declare private"
              + " static final long serialVersionUID (the JDK's serialver tool prints the value"
              + " the class has now)";
        }
        if (deferred && !field.constant()) {
          return "its static initializer sets serialVersionUID, which serialization reads"
              + " before a deferred initializer has run; make it a constant: private static"
              + " final long serialVersionUID = <value>L";
        }
      }
      if (deferred && field.name().equals("serialPersistentFields") && field.isStatic()) {
        return "its static initializer sets serialPersistentFields, which serialization reads"
            + " before a deferred initializer has run; move the slow part into another class,"
            + " or do not defer";
      }
    }
    return null;
  }

  /** @param classFile the bytes of the class, already read by the caller */
  boolean isSerializable(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    return isSerializable(reader.getClassName(), reader);
  }

  private boolean isSerializable(String type, ClassReader reader) {
    known.put(type, false); // a cycle, which only a broken class file can make, ends here
    boolean serializable = isSerializable(reader.getSuperName());
    for (String face : reader.getInterfaces()) {
      serializable = serializable || isSerializable(face);
    }
    known.put(type, serializable);
    return serializable;
  }

  private boolean isSerializable(String type) {
    if (type == null || type.equals("java/lang/Object")) {
      return false;
    }
    if (type.equals(SERIALIZABLE)) {
      return true;
    }
    Boolean answer = known.get(type);
    if (answer != null) {
      return answer;
    }
    // A supertype that cannot be read cannot be ruled out. Taking it for Serializable costs at
    // most an unused serialVersionUID field; the other mistake would change the class's.
    URL url = loader.getResource(type + ".class");
    try {
      return url == null || isSerializable(type, new ClassReader(TargetCheck.read(url)));
    } catch (IOException | RuntimeException e) {
      known.put(type, true);
      return true;
    }
  }
}
