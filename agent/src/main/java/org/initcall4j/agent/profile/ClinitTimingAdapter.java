package org.initcall4j.agent.profile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.MethodVisitor;

/** Times a class's static initializer ({@link ClinitTimingMethod}); the rest is copied. */
final class ClinitTimingAdapter extends TimingAdapter {
  private final String internalName;

  ClinitTimingAdapter(ClassReader reader, String internalName) {
    super(reader);
    this.internalName = internalName;
  }

  @Override
  MethodVisitor timed(MethodVisitor next, int access, String name, String descriptor,
      boolean frames) {
    return name.equals("<clinit>") ? new ClinitTimingMethod(next, internalName, frames) : null;
  }
}
