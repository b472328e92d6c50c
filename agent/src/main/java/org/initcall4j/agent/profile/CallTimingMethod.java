package org.initcall4j.agent.profile;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A counted method's body as {@code CallRecorder.enter(id); try { body } catch (any) {
 * CallRecorder.exitFailed(id); throw; }}, with {@code exit(id)} before every {@code return}.
 */
final class CallTimingMethod extends TimedMethod {
  static final String RECORDER = "org/initcall4j/agent/profile/CallRecorder";

  private final int id;

  CallTimingMethod(MethodVisitor next, int id, boolean frames) {
    super(next, frames);
    this.id = id;
  }

  @Override
  void enter() {
    call("enter");
  }

  @Override
  void exit() {
    call("exit");
  }

  @Override
  void failed() {
    call("exitFailed");
  }

  private void call(String method) {
    mv.visitLdcInsn(id);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, method, "(I)V", false);
  }

  @Override
  int extraStack() {
    return 1; // the id, above what a return leaves on the stack or the handler's throwable
  }
}
