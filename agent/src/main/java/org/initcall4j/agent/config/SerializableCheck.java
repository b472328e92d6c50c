package org.initcall4j.agent.config;

import java.io.IOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;

/**
 * Whether a class is Serializable, told from class files read as resources: the transformer,
 * which must keep such a class's serialVersionUID, cannot load classes, and neither can this
 * check. It walks the superclasses and interfaces, the JDK's included, up to
 * {@code java.io.Serializable} ({@code Externalizable} extends it). Answers are kept for the
 * other targets of the same config.
 */
final class SerializableCheck {
  private static final String SERIALIZABLE = "java/io/Serializable";
  private final ClassLoader loader;
  private final Map<String, Boolean> known = new HashMap<>();

  SerializableCheck(ClassLoader loader) {
    this.loader = loader;
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
