package org.initcall4j.agent.profile;

/**
 * Runs the rewrite once, in premain, on a small class file made here, so the classes the
 * transformer needs are loaded before the first application class is: loading them from inside a
 * transformer, while another class is being defined, is a known source of
 * {@code ClassCircularityError}. The class file is written in memory rather than read from the
 * agent's jar, which would load the JDK's resource and URL machinery on the start-up path. ASM is
 * not loaded here: it serves only the rare static initializers the byte patch leaves to it,
 * unless calls are counted ({@code profile.calls}), which rewrites nearly every class with it.
 */
final class Warmup {
  private static final String SAMPLE = "org/initcall4j/agent/profile/Sample";

  private Warmup() {}

  static void run(ProfileTransformer transformer, boolean countCalls) {
    ProfileRecorder.snapshot();
    if (countCalls) {
      CallRecorder.snapshot(Long.MAX_VALUE);
    }
    if (transformer.rewrite(SAMPLE, sample()) == null) {
      throw new IllegalStateException("profile mode self-check failed: a sample static"
          + " initializer could not be timed");
    }
  }

  /**
   * {@code final class Sample { static { int unused = 0; } static void touch() {} }}, class file
   * version 52.
   */
  static byte[] sample() {
    ByteSink out = new ByteSink(192);
    out.u4(0xCAFEBABE).u2(0).u2(52).u2(9);
    out.utf8Entry(SAMPLE).u1(7).u2(1); // 1, 2
    out.utf8Entry("java/lang/Object").u1(7).u2(3); // 3, 4
    out.utf8Entry("<clinit>").utf8Entry("()V").utf8Entry("Code"); // 5, 6, 7
    out.utf8Entry("touch"); // 8
    out.u2(0x0030).u2(2).u2(4).u2(0).u2(0); // final super; this, super; no interfaces, fields
    out.u2(2).u2(0x0008).u2(5).u2(6).u2(1); // two methods; static <clinit>()V, one attribute
    out.u2(7).u4(12 + 3).u2(1).u2(0).u4(3); // Code: max stack 1, no locals, 3 bytes of code
    out.u1(0x03).u1(0x57).u1(0xB1); // iconst_0, pop, return
    out.u2(0).u2(0); // no handlers, no attributes of the code
    out.u2(0x0008).u2(8).u2(6).u2(1); // static touch()V, one attribute
    out.u2(7).u4(12 + 1).u2(0).u2(0).u4(1).u1(0xB1); // Code: return
    out.u2(0).u2(0); // no handlers, no attributes of the code
    out.u2(0); // no attributes of the class
    return out.toByteArray();
  }
}
