package org.initcall4j.agent.profile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * A writer that never loads classes to merge types: profile mode's rewrites add no frame that
 * needs it, so a call means something unexpected, and the class is left alone instead.
 */
final class NoTypeLookupClassWriter extends ClassWriter {
  NoTypeLookupClassWriter(ClassReader reader) {
    super(reader, 0);
  }

  @Override
  protected String getCommonSuperClass(String type1, String type2) {
    throw new IllegalStateException("type merge of " + type1 + " and " + type2
        + " would need class loading");
  }
}
