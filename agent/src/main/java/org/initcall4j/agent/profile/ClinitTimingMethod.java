package org.initcall4j.agent.profile;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A static initializer's body as {@code ProfileRecorder.enter(name); try { body } catch (any) {
 * ProfileRecorder.exitFailed(); throw; }}, with {@code exit()} before every {@code return}.
 */
final class ClinitTimingMethod extends TimedMethod {
  static final String RECORDER = "org/initcall4j/agent/profile/ProfileRecorder";

  private final String className;

  ClinitTimingMethod(MethodVisitor next, String className, boolean frames) {
    super(next, frames);
    this.className = className;
  }

  @Override
  void enter() {
    mv.visitLdcInsn(className);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "enter", "(Ljava/lang/String;)V", false);
  }

  @Override
  void exit() {
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "exit", "()V", false);
  }

  @Override
  void failed() {
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "exitFailed", "()V", false);
  }

  @Override
  int extraStack() {
    return 0; // no arguments to exit() and exitFailed(); enter's name on an empty stack
  }
}
