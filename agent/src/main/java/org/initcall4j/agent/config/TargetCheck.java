package org.initcall4j.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.text.EditDistance;
import org.objectweb.asm.Opcodes;

/**
 * Checks each config target against its class file before {@code main}, reading the bytes as a
 * resource (no class is loaded): the class and method exist, a method initcall returns void, a
 * deferred method's parameters can be parked without changing under it, and a deferred static
 * initializer can be guarded completely, or is refused with the reason.
 */
final class TargetCheck {
  private final ClassLoader loader;
  private final List<ConfigProblem> problems;
  private final ImmutableTypes immutable;
  private final SerialFormCheck serialForm;

  private TargetCheck(ClassLoader loader, List<ConfigProblem> problems) {
    this.loader = loader;
    this.problems = problems;
    this.immutable = new ImmutableTypes(loader);
    this.serialForm = new SerialFormCheck(loader);
  }

  /**
   * Adds a problem for each entry whose target does not fit; returns the entries that do, each
   * marked {@link ConfigEntry#serializable} where its rewrite must keep the serialVersionUID.
   */
  static List<ConfigEntry> check(List<ConfigEntry> entries, ClassLoader loader,
      List<ConfigProblem> problems) {
    TargetCheck check = new TargetCheck(loader, problems);
    List<ConfigEntry> good = new ArrayList<>();
    for (ConfigEntry entry : entries) {
      int before = problems.size();
      ConfigEntry checked = check.check(entry);
      if (problems.size() == before) {
        good.add(checked);
      }
    }
    return good;
  }

  private ConfigEntry check(ConfigEntry entry) {
    int before = problems.size();
    MemberRef target = entry.target();
    String resource = target.internalClassName() + ".class";
    URL url = loader.getResource(resource);
    if (url == null) {
      problems.add(entry.problemAtTarget("class " + target.className() + " is not on the class"
          + " path of the application class loader; check the name (nested classes are"
          + " written Outer$Inner) and the -cp"));
      return entry;
    }
    if (url.getProtocol().equals("jrt")) {
      problems.add(entry.problemAtTarget(target.className() + " is a JDK class; only"
          + " application classes can be initcalls"));
      return entry;
    }
    byte[] classFile;
    ClassShape shape;
    try {
      classFile = read(url);
      shape = ClassShape.of(classFile);
    } catch (IOException | RuntimeException e) {
      problems.add(entry.problemAtTarget("cannot read " + url + ": " + e
          + " (a class file newer than this agent supports?)"));
      return entry;
    }
    boolean changesSerialForm = target.methodName() != null ? checkMethod(entry, shape)
        : checkClass(entry, shape);
    if (changesSerialForm && target.methodName() == null) {
      List<String> shared = sharedStaticFields(shape);
      if (!shared.isEmpty()) {
        entry = entry.sharing(shared); // a deferred class: other classes' accesses guarded
      }
    }
    if (!changesSerialForm || problems.size() > before
        || !serialForm.isSerializable(classFile)) {
      return entry;
    }
    String refusal = SerialFormCheck.refusal(shape, target.methodName() == null);
    if (refusal != null) {
      problems.add(target.methodName() == null
          ? entry.problemAtDeferral("cannot defer the static initializer of "
              + target.className() + ": it is Serializable and " + refusal)
          : entry.problemAtTarget("cannot hook " + target + ": " + target.className()
              + " is Serializable and " + refusal));
    }
    return entry.asSerializable();
  }

  /**
   * Why the config check would refuse to defer the static initializer of {@code className}, a
   * class of {@code loader}, or null when it would accept it: the same rules as for a config
   * entry {@code deferred=true}, read from the class file (nothing is loaded).
   */
  static String deferralRefusal(String className, ClassLoader loader) {
    String internal = className.replace('.', '/');
    URL url = loader == null ? null : loader.getResource(internal + ".class");
    if (url == null) {
      return "its class file is not a resource of its class loader (made at run time?), so"
          + " the config check cannot read it";
    }
    if (url.getProtocol().equals("jrt")) {
      return "it is a JDK class";
    }
    TargetCheck check = new TargetCheck(loader, new ArrayList<>());
    try {
      byte[] classFile = read(url);
      ClassShape shape = ClassShape.of(classFile);
      if (!shape.hasStaticInitializer()) {
        return "it has no static initializer";
      }
      String refusal = deferralRefusal(shape);
      if (refusal == null && check.serialForm.isSerializable(classFile)) {
        String serial = SerialFormCheck.refusal(shape, true);
        refusal = serial == null ? null : "it is Serializable and " + serial;
      }
      return refusal;
    } catch (IOException | RuntimeException e) {
      return "cannot read " + url + ": " + e;
    }
  }

  /**
   * Why the config check would refuse an entry point {@code className#methodName()} with
   * {@code deferred=true}, for a class of {@code loader}, or null when it would accept it: the
   * config's own check on such an entry (nothing is loaded).
   */
  static String deferredMethodRefusal(String className, String methodName, ClassLoader loader) {
    if (loader == null) {
      return "it is a class of the JDK's boot loader";
    }
    String name = "advised";
    InitcallSpec spec = new InitcallSpec(name, InitLevel.DEVICE, className, methodName,
        List.of(), List.of(), null, true, false, "the profile");
    ConfigEntry entry = new ConfigEntry(spec, new MemberRef(className, methodName, "()"),
        "the profile", 0, "initcall." + name + ".method", 0);
    List<ConfigProblem> problems = new ArrayList<>();
    check(List.of(entry), loader, problems);
    return problems.isEmpty() ? null : problems.get(0).message();
  }

  /** For a misspelt method name: the methods within two edits of it, with their parameters. */
  private static String closeNames(ClassShape shape, String wanted) {
    List<String> close = new ArrayList<>();
    for (ClassShape.Method method : shape.methods) {
      if (!method.name().startsWith("<") && (method.access() & Opcodes.ACC_SYNTHETIC) == 0
          && EditDistance.between(wanted, method.name(), 3) < 3) {
        close.add(method.name() + "(" + String.join(", ",
            MemberRef.parameterNames(method.descriptor())) + ")");
      }
    }
    return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
  }

  /**
   * Checks a method target; true when its rewrite changes what the default serialVersionUID
   * covers: a hooked synchronized method that is not private loses {@code synchronized} (its
   * code moves to a private method that keeps it).
   */
  private boolean checkMethod(ConfigEntry entry, ClassShape shape) {
    MemberRef target = entry.target();
    ClassShape.Method found = null;
    List<String> sameName = new ArrayList<>();
    for (ClassShape.Method method : shape.methods) {
      if (method.name().equals(target.methodName())) {
        sameName.add(target.methodName() + "(" + String.join(", ",
            MemberRef.parameterNames(method.descriptor())) + ")");
        if (method.descriptor().startsWith(target.parameterDescriptor())) {
          found = method;
        }
      }
    }
    if (found == null) {
      String hint = sameName.isEmpty() ? closeNames(shape, target.methodName())
          : "; it has " + String.join(", ", sameName);
      problems.add(entry.problemAtTarget(target.className() + " has no method " + target
          .toString().substring(target.className().length() + 1) + hint));
      return false;
    }
    if (!found.descriptor().endsWith(")V")) {
      problems.add(entry.problemAtTarget(target + " returns a value; initcall methods must"
          + " return void (a deferred call is parked and has no result to give back)"));
    }
    if ((found.access() & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
      problems.add(entry.problemAtTarget(target + " is abstract or native: it has no code to"
          + " run or guard; name the method that does the work"));
    }
    boolean isStatic = (found.access() & Opcodes.ACC_STATIC) != 0;
    if (!isStatic && !entry.spec().deferred()) {
      problems.add(entry.problemAtTarget(target + " is an instance method, so the agent cannot"
          + " call it at boot; add initcall." + entry.spec().name() + ".deferred=true to park the"
          + " application's own calls until the flush, or name a static method"));
    }
    if (entry.spec().deferred() && !entry.replayByReference()) {
      checkParkedParameters(entry);
    }
    return (found.access() & (Opcodes.ACC_SYNCHRONIZED | Opcodes.ACC_PRIVATE))
        == Opcodes.ACC_SYNCHRONIZED;
  }

  /**
   * A parked call keeps its arguments until the flush: each must be immutable (or an array of
   * such, copied when parked), or the replay would see what the caller changed afterwards.
   */
  private void checkParkedParameters(ConfigEntry entry) {
    MemberRef target = entry.target();
    List<String> types = parameterDescriptors(target.parameterDescriptor());
    for (int i = 0; i < types.size(); i++) {
      String why = immutable.whyMutable(types.get(i));
      if (why == null) {
        continue;
      }
      String type = ImmutableTypes.typeName(types.get(i));
      String element = type.replace("[]", "");
      problems.add(entry.problemAtTarget("parameter " + (i + 1) + " of " + target + " is a "
          + (element.equals(type) ? type : element + " array (" + type + ")") + ", which is "
          + why + ": a parked call keeps its arguments until the flush, so what the caller"
          + " changes after the call would be replayed instead of what it passed. Pass immutable"
          + " values (primitives, String, the boxes, enums, java.time values, records of those;"
          + " arrays of them are copied), or add initcall." + entry.spec().name()
          + ".replayByReference=true if replaying the object as it is at the flush is"
          + " intended"));
    }
  }

  /** {@code (I[Ljava/lang/String;)} to {@code I}, {@code [Ljava/lang/String;}. */
  private static List<String> parameterDescriptors(String descriptor) {
    List<String> types = new ArrayList<>();
    int i = 1;
    while (descriptor.charAt(i) != ')') {
      int start = i;
      while (descriptor.charAt(i) == '[') {
        i++;
      }
      i = descriptor.charAt(i) == 'L' ? descriptor.indexOf(';', i) + 1 : i + 1;
      types.add(descriptor.substring(start, i));
    }
    return types;
  }

  /**
   * Checks a class target; true when it is deferred, which removes its {@code <clinit>} and so
   * changes its default serialVersionUID.
   */
  private boolean checkClass(ConfigEntry entry, ClassShape shape) {
    String name = entry.target().className();
    if (!shape.hasStaticInitializer()) {
      problems.add(entry.problemAtTarget(name + " has no static initializer, so there is"
          + " nothing to run or order; name a class that has one, or a method"));
      return false;
    }
    if (!entry.spec().deferred()) {
      return false;
    }
    String refusal = deferralRefusal(shape);
    if (refusal != null) {
      problems.add(entry.problemAtDeferral("cannot defer the static initializer of " + name
          + ": " + refusal));
      return false;
    }
    return true;
  }

  /** Why this class's static initializer cannot be deferred, or null. */
  private static String deferralRefusal(ClassShape shape) {
    if (shape.has(Opcodes.ACC_INTERFACE)) {
      return "it is an interface, whose static initializer the agent does not defer (a class's"
          + " it does); move the slow part into a class";
    }
    return null;
  }

  /**
   * The static fields other classes can read or write directly, so that their accesses need the
   * class's guard: those that are not private, and private ones too when the class has nest
   * mates (Java 11+: nested and enclosing classes reach private fields without an accessor).
   * Compile-time constants are set by the JVM before any code runs, and javac's
   * {@code $assertionsDisabled} is read only by its own class.
   */
  static List<String> sharedStaticFields(ClassShape shape) {
    boolean nested = shape.nestHost != null || !shape.nestMembers.isEmpty();
    List<String> shared = new ArrayList<>();
    for (ClassShape.Field field : shape.fields) { // no stream: premain runs this
      if (field.isStatic() && !field.constant() && !field.name().equals("$assertionsDisabled")
          && (nested || (field.access() & Opcodes.ACC_PRIVATE) == 0)) {
        shared.add(field.name());
      }
    }
    return shared;
  }

  static byte[] read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    }
  }
}
