package org.initcall4j.agent.transform;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The serialVersionUID that {@code java.io.ObjectStreamClass} gives a Serializable class,
 * computed from its class file alone: inside the transformer no class may be loaded, and
 * {@code ObjectStreamClass} needs the loaded class. It is the class's declared one (a static
 * final field of an integral type named {@code serialVersionUID}) if it has one, else the
 * default of the Java Object Serialization Specification (section 4.6): a hash of the class's
 * name, modifiers, interfaces, non-private members and whether it has a static initializer,
 * which is what deferring a static initializer changes.
 */
final class SerialVersionUid extends ClassVisitor {
  static final String FIELD = "serialVersionUID";
  private static final int CLASS_MODIFIERS = Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL
      | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT;
  private static final int FIELD_MODIFIERS = Opcodes.ACC_PUBLIC | Opcodes.ACC_PRIVATE
      | Opcodes.ACC_PROTECTED | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_VOLATILE
      | Opcodes.ACC_TRANSIENT;
  private static final int METHOD_MODIFIERS = Opcodes.ACC_PUBLIC | Opcodes.ACC_PRIVATE
      | Opcodes.ACC_PROTECTED | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL
      | Opcodes.ACC_SYNCHRONIZED | Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT
      | Opcodes.ACC_STRICT;

  /** A field, constructor or method as the hash sees it. */
  private record Member(String name, int access, String descriptor) {}

  private String name;
  private int access;
  /** The access flags of the class's own InnerClasses entry: what Class.getModifiers() gives. */
  private Integer memberAccess;
  private String[] interfaces;
  private boolean recordOrEnum;
  private final List<Member> fields = new ArrayList<>();
  private final List<Member> constructors = new ArrayList<>();
  private final List<Member> methods = new ArrayList<>();
  private int declaredMethods;
  private boolean staticInitializer;
  private boolean hasFieldNamedUid;
  private boolean declaresUid;
  private Long declaredUid;

  private SerialVersionUid() {
    super(Opcodes.ASM9);
  }

  /** Reads what the hash covers; method bodies are skipped. */
  static SerialVersionUid of(ClassReader reader) {
    SerialVersionUid uid = new SerialVersionUid();
    reader.accept(uid, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return uid;
  }

  static SerialVersionUid of(byte[] classFile) {
    return of(new ClassReader(classFile));
  }

  /**
   * What {@code ObjectStreamClass.lookup(type).getSerialVersionUID()} gives the class if it is
   * Serializable, or null when it declares one that its static initializer sets (only known
   * when that runs). Records and enums get 0 unless a record declares one.
   */
  Long value() {
    if (declaresUid) {
      return declaredUid;
    }
    return recordOrEnum ? 0L : defaultValue();
  }

  /**
   * The field to add for the class to keep its serialVersionUID through a rewrite, or null when
   * it needs none: it declares one (or any field of that name, which the config check refuses),
   * or it is a record or an enum, whose serialVersionUID is 0 and never compared.
   */
  Long toKeep() {
    return hasFieldNamedUid || recordOrEnum ? null : defaultValue();
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName,
      String[] interfaces) {
    this.name = name;
    this.access = access;
    this.interfaces = interfaces == null ? new String[0] : interfaces;
    // enum constant bodies are enums too (their class file says so; their superclass is not Enum)
    this.recordOrEnum = "java/lang/Record".equals(superName) || (access & Opcodes.ACC_ENUM) != 0;
  }

  @Override
  public void visitInnerClass(String inner, String outerName, String innerName, int flags) {
    if (memberAccess == null && inner.equals(name)) {
      memberAccess = flags; // as the JVM does: the first entry naming the class itself
    }
  }

  @Override
  public FieldVisitor visitField(int access, String field, String descriptor, String signature,
      Object value) {
    if (field.equals(FIELD)) {
      hasFieldNamedUid = true;
      // ObjectStreamClass takes any static final field of that name that getLong can read
      int staticFinal = Opcodes.ACC_STATIC | Opcodes.ACC_FINAL;
      if ((access & staticFinal) == staticFinal && "BCSIJ".contains(descriptor)
          && descriptor.length() == 1) {
        declaresUid = true;
        declaredUid = value == null ? null : ((Number) value).longValue();
      }
    }
    int mods = access & FIELD_MODIFIERS;
    if ((mods & Opcodes.ACC_PRIVATE) == 0
        || (mods & (Opcodes.ACC_STATIC | Opcodes.ACC_TRANSIENT)) == 0) {
      fields.add(new Member(field, mods, descriptor));
    }
    return null;
  }

  @Override
  public MethodVisitor visitMethod(int access, String method, String descriptor,
      String signature, String[] exceptions) {
    if (method.equals("<clinit>")) {
      staticInitializer = true;
      return null;
    }
    boolean constructor = method.equals("<init>");
    if (!constructor) {
      declaredMethods++;
    }
    int mods = access & METHOD_MODIFIERS;
    if ((mods & Opcodes.ACC_PRIVATE) == 0) {
      (constructor ? constructors : methods).add(new Member(method, mods, descriptor));
    }
    return null;
  }

  /** The hash, in the order and form of {@code ObjectStreamClass.computeDefaultSUID}. */
  private long defaultValue() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(name.replace('/', '.'));
      int mods = (memberAccess != null ? memberAccess : access) & CLASS_MODIFIERS;
      if ((mods & Opcodes.ACC_INTERFACE) != 0) {
        // the specification's amends for old javac, which set ABSTRACT only with methods
        mods = declaredMethods > 0 ? mods | Opcodes.ACC_ABSTRACT : mods & ~Opcodes.ACC_ABSTRACT;
      }
      out.writeInt(mods);
      List<String> names = new ArrayList<>();
      for (String type : interfaces) {
        names.add(type.replace('/', '.'));
      }
      names.sort(Comparator.naturalOrder());
      for (String type : names) {
        out.writeUTF(type);
      }
      fields.sort(Comparator.comparing(Member::name));
      for (Member field : fields) {
        out.writeUTF(field.name());
        out.writeInt(field.access());
        out.writeUTF(field.descriptor());
      }
      if (staticInitializer) {
        out.writeUTF("<clinit>");
        out.writeInt(Opcodes.ACC_STATIC);
        out.writeUTF("()V");
      }
      constructors.sort(Comparator.comparing(Member::descriptor));
      methods.sort(Comparator.comparing(Member::name).thenComparing(Member::descriptor));
      for (List<Member> members : List.of(constructors, methods)) {
        for (Member member : members) {
          out.writeUTF(member.name());
          out.writeInt(member.access());
          out.writeUTF(member.descriptor().replace('/', '.'));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not from a byte array
    }
    byte[] hash = Sha1.digest(bytes.toByteArray());
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (hash[i] & 0xFF);
    }
    return value;
  }
}
