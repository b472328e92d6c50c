package org.initcall4j.agent.transform;

import org.initcall4j.agent.hooks.InitcallHooks;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites one named class: entry hooks on initcall methods, guards on every method of a class
 * whose static initializer is deferred (its {@code <clinit>} body moved to {@link #BODY}), and an
 * ordering hook at the start of an ordered {@code <clinit>}. Frames are never computed by ASM
 * (that would load classes inside the transformer): the inserted code needs at most one frame,
 * the method's initial one, written from its descriptor; maxima are recomputed by ASM.
 */
final class ClassRewriter extends ClassVisitor {
  /** Where a deferred static initializer's code goes. */
  static final String BODY = "initcall4j$clinit";
  /** Prefix of a hooked synchronized method's original code, behind its hooked wrapper. */
  static final String SYNCHRONIZED_BODY = "initcall4j$synchronized$";

  private final ClassPlan plan;
  /** The class's serialVersionUID as compiled, to add if the rewrite changes it; or null. */
  private final Long serialVersionUid;
  /** Whether the rewrite changed what the default serialVersionUID is computed from. */
  private boolean serialFormChanged;
  private String owner;
  private boolean frames;

  private ClassRewriter(ClassVisitor next, ClassPlan plan, Long serialVersionUid) {
    super(Opcodes.ASM9, next);
    this.plan = plan;
    this.serialVersionUid = serialVersionUid;
  }

  /** The rewritten class file; the input array is not modified. */
  static byte[] rewrite(byte[] classFile, ClassPlan plan) {
    return rewrite(classFile, plan, null);
  }

  /**
   * The rewritten class file, with {@code guards} (null for none) before its accesses to other
   * deferred classes' static fields; the input array is not modified.
   */
  static byte[] rewrite(byte[] classFile, ClassPlan plan, StaticFieldGuards guards) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    // from the bytes as compiled: the default hash covers what the rewrite changes
    Long uid = plan.serializable ? SerialVersionUid.of(reader).toKeep() : null;
    ClassVisitor next = guards == null ? writer
        : new FieldGuardVisitor(writer, guards, plan.deferredClass >= 0);
    // Expanded frames, so that the one frame inserted is written in the same (full) form.
    reader.accept(new ClassRewriter(next, plan, uid), ClassReader.EXPAND_FRAMES);
    return writer.toByteArray();
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName,
      String[] interfaces) {
    owner = name;
    frames = (version & 0xFFFF) >= Opcodes.V1_6;
    super.visit(version, access, name, signature, superName, interfaces);
  }

  @Override
  public FieldVisitor visitField(int access, String name, String descriptor, String signature,
      Object value) {
    int changed = access;
    boolean staticFinal = (access & (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL))
        == (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL);
    if (plan.deferredClass >= 0 && staticFinal && value == null) {
      // Set by the moved body, outside <clinit>: a final field would throw IllegalAccessError.
      changed &= ~Opcodes.ACC_FINAL;
    }
    return super.visitField(changed, name, descriptor, signature, value);
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
      String[] exceptions) {
    if (name.equals("<clinit>")) {
      if (plan.deferredClass >= 0) {
        serialFormChanged = true;
        return super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
            BODY, descriptor, null, null);
      }
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      return plan.orderedClass < 0 ? next : new HookAtEntry(next, plan.orderedClass,
          "beforeClassInit");
    }
    int entry = plan.entryHook(name, descriptor);
    boolean code = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
    if (!code || (entry < 0 && plan.deferredClass < 0)) {
      return super.visitMethod(access, name, descriptor, signature, exceptions);
    }
    if ((access & Opcodes.ACC_SYNCHRONIZED) == 0) {
      return hooked(super.visitMethod(access, name, descriptor, signature, exceptions), entry,
          access, descriptor);
    }
    // Hooks may wait; inside a synchronized method they would wait holding its monitor, which
    // the thread they wait for may need. So the hooks go into an unsynchronized wrapper that
    // calls the original, renamed, as the JVM's own init check comes before the monitor.
    serialFormChanged |= (access & Opcodes.ACC_PRIVATE) == 0; // hashed with its modifiers
    MethodVisitor wrapper = hooked(super.visitMethod(access & ~Opcodes.ACC_SYNCHRONIZED, name,
        descriptor, signature, exceptions), entry, access, descriptor);
    int bodyAccess = (access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED
        | Opcodes.ACC_STRICT)) | Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC;
    MethodVisitor body = super.visitMethod(bodyAccess, SYNCHRONIZED_BODY + name, descriptor,
        signature, exceptions);
    return new SynchronizedSplit(body, wrapper, owner, access, SYNCHRONIZED_BODY + name,
        descriptor);
  }

  /**
   * A Serializable class whose rewrite changed its default serialVersionUID gets the one it had
   * as a constant: data serialized without the agent still reads with it, and the other way
   * round. Synthetic, as it is not in the source.
   */
  @Override
  public void visitEnd() {
    if (serialVersionUid != null && serialFormChanged) {
      FieldVisitor field = super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC
          | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, SerialVersionUid.FIELD, "J", null,
          serialVersionUid);
      field.visitEnd();
    }
    super.visitEnd();
  }

  private MethodVisitor hooked(MethodVisitor next, int entry, int access, String descriptor) {
    if (entry >= 0) {
      // The class guard goes after the entry hook: a parked call must not initialize the class.
      return new EntryHook(next, entry, plan.deferredClass, owner, access, descriptor, frames);
    }
    return new HookAtEntry(next, plan.deferredClass, "ensureInitialized");
  }

  /** Inserts {@code InitcallHooks.<hook>(id)} as the first instruction: no branch, no frame. */
  private static final class HookAtEntry extends MethodVisitor {
    private final int id;
    private final String hook;

    HookAtEntry(MethodVisitor next, int id, String hook) {
      super(Opcodes.ASM9, next);
      this.id = id;
      this.hook = hook;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      EntryHook.pushInt(mv, id);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, InitcallHooks.INTERNAL_NAME, hook, "(I)V",
          false);
    }
  }
}
