package org.initcall4j.agent.config;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;

/** What the config checks need to know of a class file, read without loading the class. */
final class ClassShape extends ClassVisitor {

  record Field(String name, String descriptor, int access, boolean constant) {
    boolean isStatic() {
      return (access & Opcodes.ACC_STATIC) != 0;
    }
  }

  record Method(String name, String descriptor, int access) {}

  /** A record's component: its name and type descriptor. */
  record Component(String name, String descriptor) {}

  int access;
  String superName;
  final List<Component> components = new ArrayList<>();
  final List<Field> fields = new ArrayList<>();
  final List<Method> methods = new ArrayList<>();
  final List<String> nestMembers = new ArrayList<>();
  String nestHost;

  private ClassShape() {
    super(Opcodes.ASM9);
  }

  /** @throws IllegalArgumentException when ASM cannot read it (e.g. a newer class file version) */
  static ClassShape of(byte[] classFile) {
    ClassShape shape = new ClassShape();
    new ClassReader(classFile).accept(shape,
        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return shape;
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName,
      String[] interfaces) {
    this.access = access;
    this.superName = superName;
  }

  @Override
  public RecordComponentVisitor visitRecordComponent(String name, String descriptor,
      String signature) {
    components.add(new Component(name, descriptor));
    return null;
  }

  @Override
  public FieldVisitor visitField(int access, String name, String descriptor, String signature,
      Object value) {
    fields.add(new Field(name, descriptor, access, value != null));
    return null;
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
      String[] exceptions) {
    methods.add(new Method(name, descriptor, access));
    return null;
  }

  @Override
  public void visitNestHost(String host) {
    nestHost = host;
  }

  @Override
  public void visitNestMember(String nestMember) {
    nestMembers.add(nestMember);
  }

  boolean has(int flag) {
    return (access & flag) != 0;
  }

  boolean hasStaticInitializer() {
    for (Method method : methods) { // no stream: premain runs this for each config target
      if (method.name().equals("<clinit>")) {
        return true;
      }
    }
    return false;
  }
}
