package org.initcall4j.agent.profile;

import java.io.PrintStream;
import java.lang.instrument.Instrumentation;

/**
 * Turns profile mode on: registers the timing transformer and prints the blame list at exit.
 * Loaded only when the options ask for profile mode.
 */
public final class ProfileMode {
  private final ProfileSettings settings;

  private ProfileMode(ProfileSettings settings) {
    this.settings = settings;
  }

  /** Starts profiling the static initializers of classes loaded from now on. */
  public static ProfileMode install(ProfileSettings chosen, Instrumentation instrumentation) {
    ProfileTransformer transformer = new ProfileTransformer(chosen.selection(),
        new ProfileLog(System.err));
    Warmup.run(transformer);
    instrumentation.addTransformer(transformer);
    Runtime.getRuntime().addShutdownHook(new Thread(new ReportAtExit(chosen),
        "initcall4j-profile-report"));
    return new ProfileMode(chosen);
  }

  /** The blame list as it stands now (the configured number of lines). */
  public String blameList() {
    return BlameList.format(ProfileRecorder.snapshot(), settings.top());
  }

  /** A plain class, not a lambda: no invokedynamic bootstrap in premain. */
  private static final class ReportAtExit implements Runnable {
    private final ProfileSettings chosen;

    ReportAtExit(ProfileSettings chosen) {
      this.chosen = chosen;
    }

    @Override
    public void run() {
      report(chosen, System.err);
    }
  }

  private static void report(ProfileSettings chosen, PrintStream err) {
    String text = BlameList.format(ProfileRecorder.snapshot(), chosen.top());
    err.print(text);
    err.flush();
    if (chosen.out() != null) {
      ProfileOut.write(chosen.out(), text, err);
    }
  }
}
