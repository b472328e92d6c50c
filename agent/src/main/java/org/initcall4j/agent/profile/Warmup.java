package org.initcall4j.agent.profile;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs the rewrite once, in premain, on a class file of the agent itself (the recorder, which
 * has a static initializer), so the classes the transformer needs are loaded before the first
 * application class is: loading them from inside a transformer, while another class is being
 * defined, is a known source of {@code ClassCircularityError}. ASM is not loaded here: it serves
 * only the rare static initializers the byte patch leaves to it.
 */
final class Warmup {
  private Warmup() {}

  static void run(ProfileTransformer transformer) {
    ProfileRecorder.snapshot();
    byte[] sample;
    try (InputStream in = Warmup.class.getResourceAsStream("ProfileRecorder.class")) {
      sample = in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      sample = null;
    }
    if (sample == null || transformer.rewrite("org/initcall4j/agent/profile/Sample", sample)
        == null) {
      throw new IllegalStateException("profile mode self-check failed: the agent's own"
          + " ProfileRecorder.class could not be read and timed");
    }
  }
}
