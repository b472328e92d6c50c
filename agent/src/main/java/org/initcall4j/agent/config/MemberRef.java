package org.initcall4j.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A config target: {@code com.acme.Usb#init()}, {@code com.acme.Usb#connect(java.lang.String, int[])}
 * or, for a static initializer, just {@code com.acme.Usb}. Class names are binary names
 * ({@code Outer$Inner}); parameter types are primitives or fully qualified names, with {@code []}.
 *
 * @param className binary class name
 * @param methodName method name, or null for the class's static initializer
 * @param parameterDescriptor the JVM descriptor of the parameters, {@code (Ljava/lang/String;I)};
 *     null for a static initializer
 */
public record MemberRef(String className, String methodName, String parameterDescriptor) {

  private static final Map<String, String> PRIMITIVES = Map.of("boolean", "Z", "byte", "B",
      "char", "C", "short", "S", "int", "I", "long", "J", "float", "F", "double", "D");

  /** Parses a class name; null and a message in {@code error} when it is not one. */
  static MemberRef parseClass(String text, StringBuilder error) {
    if (!isBinaryName(text)) {
      error.append("'").append(text).append("' is not a class name; write the fully qualified"
          + " binary name, e.g. com.acme.Usb or com.acme.Outer$Inner");
      return null;
    }
    return new MemberRef(text, null, null);
  }

  /** Parses {@code Class#method(types)}; null and a message in {@code error} when malformed. */
  static MemberRef parseMethod(String text, StringBuilder error) {
    int hash = text.indexOf('#');
    int open = text.indexOf('(');
    if (hash < 0 || open < hash || !text.endsWith(")")) {
      error.append("'").append(text).append("' is not a method; write Class#method(parameter"
          + " types), e.g. com.acme.Usb#init() or com.acme.Usb#connect(java.lang.String, int)");
      return null;
    }
    String className = text.substring(0, hash).strip();
    String methodName = text.substring(hash + 1, open).strip();
    if (!isBinaryName(className)) {
      error.append("'").append(className).append("' is not a class name; write the fully"
          + " qualified binary name, e.g. com.acme.Usb");
      return null;
    }
    if (!isIdentifier(methodName)) {
      error.append("'").append(methodName).append("' is not a method name")
          .append(methodName.startsWith("<") ? "; constructors and static initializers cannot be"
              + " entry points (use initcall.<name>.class=" + className + " for the static"
              + " initializer)" : "");
      return null;
    }
    StringBuilder descriptor = new StringBuilder("(");
    String parameters = text.substring(open + 1, text.length() - 1).strip();
    if (!parameters.isEmpty()) {
      for (String parameter : parameters.split(",", -1)) {
        String type = descriptorOf(parameter.strip());
        if (type == null) {
          error.append("'").append(parameter.strip()).append("' is not a parameter type; write a"
              + " primitive or a fully qualified class name, e.g. int, java.lang.String, byte[]");
          return null;
        }
        descriptor.append(type);
      }
    }
    return new MemberRef(className, methodName, descriptor.append(')').toString());
  }

  /** True when there are parameters, so the agent itself cannot call the method. */
  public boolean hasParameters() {
    return parameterDescriptor != null && parameterDescriptor.length() > 2;
  }

  public String internalClassName() {
    return className.replace('.', '/');
  }

  private static String descriptorOf(String type) {
    String element = type;
    StringBuilder arrays = new StringBuilder();
    while (true) {
      if (element.endsWith("[]")) {
        element = element.substring(0, element.length() - 2).strip();
      } else if (element.endsWith("...")) {
        element = element.substring(0, element.length() - 3).strip();
      } else {
        break;
      }
      arrays.append('[');
    }
    String primitive = PRIMITIVES.get(element);
    if (primitive != null) {
      return arrays + primitive;
    }
    return isBinaryName(element) ? arrays + "L" + element.replace('.', '/') + ";" : null;
  }

  static boolean isBinaryName(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (String part : text.split("\\.", -1)) {
      if (!isIdentifier(part)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentifier(String text) {
    if (text.isEmpty() || !Character.isJavaIdentifierStart(text.charAt(0))) {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      if (!Character.isJavaIdentifierPart(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Parameter list for messages, rebuilt from the descriptor: {@code (java.lang.String, int)}. */
  static List<String> parameterNames(String descriptor) {
    List<String> names = new ArrayList<>();
    int i = 1;
    while (descriptor.charAt(i) != ')') {
      int dims = 0;
      while (descriptor.charAt(i) == '[') {
        dims++;
        i++;
      }
      String name;
      if (descriptor.charAt(i) == 'L') {
        int end = descriptor.indexOf(';', i);
        name = descriptor.substring(i + 1, end).replace('/', '.');
        i = end + 1;
      } else {
        char code = descriptor.charAt(i++);
        name = PRIMITIVES.entrySet().stream().filter(e -> e.getValue().charAt(0) == code)
            .map(Map.Entry::getKey).findFirst().orElse("?");
      }
      names.add(name + "[]".repeat(dims));
    }
    return names;
  }

  @Override
  public String toString() {
    return methodName == null ? className
        : className + "#" + methodName + "(" + String.join(", ",
            parameterNames(parameterDescriptor)) + ")";
  }
}
