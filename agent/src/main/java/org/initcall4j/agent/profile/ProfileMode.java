package org.initcall4j.agent.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import org.initcall4j.agent.files.OwnDirectory;
import org.initcall4j.agent.files.UnsafeDirectoryException;

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
      // checked again now: a link planted in the meantime is replaced, never written through
      Path out = chosen.out();
      try (OwnDirectory directory = OwnDirectory.open(out.getParent(),
          ProfileSettings.OUT_PLACE)) {
        directory.writeAtomically(out.getFileName().toString(), text, "rw-r--r--");
      } catch (UnsafeDirectoryException e) {
        err.println("initcall4j profile: profile.out=" + out + " not written: " + e.getMessage());
      } catch (IOException | RuntimeException e) {
        err.println("initcall4j profile: could not write profile.out=" + out + ": " + e);
      }
    }
  }
}
