package org.initcall4j.agent.profile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;

/**
 * The general path of the rewrite, by ASM, for the static initializers the byte patch does not
 * handle (several returns, subroutines, type annotations on code). A class of its own, so that
 * ASM is loaded only by a run that meets such a class.
 */
final class AsmClinitRewrite {
  private AsmClinitRewrite() {}

  /** The class with its static initializer timed, or null (the log says why, if it matters). */
  static byte[] rewrite(String className, byte[] bytes, ProfileLog log) {
    try {
      return new ClinitTimingAdapter(new ClassReader(bytes), className).rewrite();
    } catch (MethodTooLargeException | ClassTooLargeException e) {
      log.tooLarge(className);
      return null;
    }
  }
}
