package org.initcall4j.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/**
 * Which parameter types a parked call may keep by reference because they are known to be
 * immutable: primitives; {@code String}, the boxes and a few final JDK value classes; the
 * {@code java.time} values; enums; records whose components are all such types. Arrays of those
 * count too, since parked calls copy arrays. Enums and records are told from their class files,
 * read as resources of the application class loader: no class is loaded.
 */
final class ImmutableTypes {
  /** JDK classes documented as immutable (final, or with immutable implementations only). */
  private static final Set<String> KNOWN = Set.of(
      "java/lang/String", "java/lang/Boolean", "java/lang/Byte", "java/lang/Short",
      "java/lang/Character", "java/lang/Integer", "java/lang/Long", "java/lang/Float",
      "java/lang/Double", "java/lang/Class", "java/math/BigInteger", "java/math/BigDecimal",
      "java/util/UUID", "java/util/Locale", "java/util/regex/Pattern", "java/net/URI",
      "java/nio/file/Path", "java/io/File", "java/nio/charset/Charset",
      "java/time/Instant", "java/time/Duration", "java/time/Period", "java/time/LocalDate",
      "java/time/LocalTime", "java/time/LocalDateTime", "java/time/OffsetTime",
      "java/time/OffsetDateTime", "java/time/ZonedDateTime", "java/time/ZoneId",
      "java/time/ZoneOffset", "java/time/Year", "java/time/YearMonth", "java/time/MonthDay");

  private final ClassLoader loader;
  /** Internal class name to why it is not known immutable; "" when it is. */
  private final Map<String, String> verdicts = new HashMap<>();
  /** Records being checked, so that a record that refers to itself ends the walk. */
  private final Set<String> inProgress = new HashSet<>();

  ImmutableTypes(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * Why an argument of this type could change between the call and its replay, as the end of a
   * sentence "{@code <type> is ...}", or null when it cannot. Arrays are fine as long as their
   * elements are: parked calls copy the arrays among their arguments.
   *
   * @param descriptor a JVM field descriptor: {@code I}, {@code Ljava/lang/String;}, {@code [[B}
   */
  String whyMutable(String descriptor) {
    String element = descriptor.substring(descriptor.lastIndexOf('[') + 1);
    if (element.charAt(0) != 'L') {
      return null; // a primitive, or an array of them
    }
    String reason = verdict(element.substring(1, element.length() - 1));
    return reason.isEmpty() ? null : reason;
  }

  /** The type as written in Java: {@code java.lang.String[]}. */
  static String typeName(String descriptor) {
    return MemberRef.parameterNames("(" + descriptor + ")").get(0);
  }

  private String verdict(String internal) {
    String known = verdicts.get(internal);
    if (known != null) {
      return known;
    }
    if (KNOWN.contains(internal) || !inProgress.add(internal)) {
      return "";
    }
    String reason;
    try {
      reason = judge(internal);
    } finally {
      inProgress.remove(internal);
    }
    verdicts.put(internal, reason);
    return reason;
  }

  private String judge(String internal) {
    URL url = loader.getResource(internal + ".class");
    if (url == null) {
      return "not on the class path, so it cannot be checked";
    }
    ClassShape shape;
    try (InputStream in = url.openStream()) {
      shape = ClassShape.of(in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      return "not readable (" + e + "), so it cannot be checked";
    }
    if (shape.has(Opcodes.ACC_ENUM)) {
      return "";
    }
    if (!"java/lang/Record".equals(shape.superName)) {
      return "not known to be immutable";
    }
    for (ClassShape.Component component : shape.components) {
      String type = component.descriptor();
      String why = type.startsWith("[") ? "can change after the call (only arrays passed as"
          + " arguments are copied)" : whyMutable(type);
      if (why != null) {
        return "a record whose component '" + component.name() + "' is a " + typeName(type)
            + ", which is " + why;
      }
    }
    return "";
  }
}
