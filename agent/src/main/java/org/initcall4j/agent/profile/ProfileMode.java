package org.initcall4j.agent.profile;

import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import org.initcall4j.agent.AgentOptions;

/**
 * Turns profile mode on: registers the timing transformer and prints the blame list at exit.
 * Loaded only when the options ask for profile mode.
 */
public final class ProfileMode {
  private static volatile ProfileSettings settings;

  private ProfileMode() {}

  /**
   * Starts profiling the static initializers of classes loaded from now on.
   *
   * @throws IllegalArgumentException when a profile option is wrong
   */
  public static void install(AgentOptions options, Instrumentation instrumentation) {
    ProfileSettings chosen = ProfileSettings.from(options);
    ProfileTransformer transformer = new ProfileTransformer(chosen.selection(),
        new ProfileLog(System.err));
    Warmup.run(transformer);
    settings = chosen;
    instrumentation.addTransformer(transformer);
    Runtime.getRuntime().addShutdownHook(new Thread(new ReportAtExit(chosen),
        "initcall4j-profile-report"));
  }

  /**
   * Checks the profile options without starting anything: premain checks every option before it
   * decides what to start.
   *
   * @throws IllegalArgumentException when a profile option is wrong
   */
  public static void checkOptions(AgentOptions options) {
    ProfileSettings.from(options);
  }

  /** Whether profile mode is on in this JVM. */
  public static boolean active() {
    return settings != null;
  }

  /** The blame list as it stands now (the configured number of lines), or null when not on. */
  public static String blameList() {
    ProfileSettings current = settings;
    return current == null ? null : BlameList.format(ProfileRecorder.snapshot(), current.top());
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
