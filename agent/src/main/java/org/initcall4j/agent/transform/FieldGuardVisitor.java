package org.initcall4j.agent.transform;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Puts a guard before each access of a class's methods to a guarded class's static field, and
 * registers the class as a subclass of a guarded class when it is one (fields come before
 * methods in a class file, so its own static fields are known by its first method).
 */
final class FieldGuardVisitor extends ClassVisitor {
  private final StaticFieldGuards guards;
  /** True for a deferred class itself: its methods start with its guard already. */
  private final boolean skipOwnFields;
  /** Which methods, in class-file order, may access a guarded field; null for all. */
  private final boolean[] methods;
  private int methodIndex;
  private final List<String> ownStaticFields = new ArrayList<>();
  private String name;
  private String superName;
  private boolean subclassChecked;
  private boolean guarded;

  FieldGuardVisitor(ClassVisitor next, StaticFieldGuards guards, boolean skipOwnFields) {
    this(next, guards, skipOwnFields, null);
  }

  /**
   * @param methods which methods, in class-file order, may access a guarded field (the others
   *     are passed on untouched, which lets ASM copy them without parsing); null for all
   */
  FieldGuardVisitor(ClassVisitor next, StaticFieldGuards guards, boolean skipOwnFields,
      boolean[] methods) {
    super(Opcodes.ASM9, next);
    this.guards = guards;
    this.skipOwnFields = skipOwnFields;
    this.methods = methods;
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName,
      String[] interfaces) {
    this.name = name;
    this.superName = superName;
    super.visit(version, access, name, signature, superName, interfaces);
  }

  @Override
  public FieldVisitor visitField(int access, String name, String descriptor, String signature,
      Object value) {
    if ((access & Opcodes.ACC_STATIC) != 0) {
      ownStaticFields.add(name);
    }
    return super.visitField(access, name, descriptor, signature, value);
  }

  @Override
  public MethodVisitor visitMethod(int access, String methodName, String descriptor,
      String signature, String[] exceptions) {
    if (!subclassChecked) {
      subclassChecked = true;
      if (superName != null) {
        guards.addSubclass(name, superName, ownStaticFields);
      }
    }
    MethodVisitor next = super.visitMethod(access, methodName, descriptor, signature, exceptions);
    int index = methodIndex++;
    boolean mayAccess = methods == null || index >= methods.length || methods[index];
    return next == null || !mayAccess ? next : new FieldAccessGuard(next, this);
  }

  /** The hook to call before this access, or -1; noted as a change when there is one. */
  int guardFor(String owner, String field) {
    if (skipOwnFields && owner.equals(name)) {
      return -1;
    }
    int id = guards.guardFor(owner, field);
    guarded |= id >= 0;
    return id;
  }

  /** Whether any access was guarded. */
  boolean guarded() {
    return guarded;
  }
}
