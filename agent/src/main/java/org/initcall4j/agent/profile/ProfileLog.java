package org.initcall4j.agent.profile;

import java.io.PrintStream;
import org.initcall4j.agent.classfile.ClassFileScan;

/**
 * What profile mode has to say while classes load, on stderr. Problems that can repeat for many
 * classes are said once; a static initializer too large to time is named each time, as each is a
 * blind spot in the blame list.
 */
final class ProfileLog {
  private final PrintStream out;
  // plain flags under this object's lock: an AtomicBoolean would set up the JDK's VarHandle
  // machinery in premain, for messages that are rarely said
  private boolean tooNewSaid;
  private boolean failureSaid;
  private boolean callsNotCountedSaid;

  ProfileLog(PrintStream out) {
    this.out = out;
  }

  void tooNew(String className, int major) {
    if (firstTooNew()) {
      out.println("initcall4j profile: " + className.replace('/', '.') + " has class file"
          + " version " + major + ", newer than this agent reads (up to "
          + ClassFileScan.NEWEST_MAJOR + "); such classes are not timed (said once)");
    }
  }

  void tooLarge(String className) {
    out.println("initcall4j profile: static initializer of " + className.replace('/', '.')
        + " is too close to the 64 KB method limit to add timing; not timed");
  }

  void callsNotCounted(String className, String why) {
    if (firstCallsNotCounted()) {
      out.println("initcall4j profile: the calls of " + className.replace('/', '.')
          + "'s methods are not counted: " + why + " (further such classes are not named)");
    }
  }

  void failure(String className, Throwable failure) {
    if (firstFailure()) {
      out.println("initcall4j profile: could not time " + className.replace('/', '.')
          + ", left as it was: " + failure + " (further such failures are not shown)");
    }
  }

  private synchronized boolean firstTooNew() {
    boolean first = !tooNewSaid;
    tooNewSaid = true;
    return first;
  }

  private synchronized boolean firstCallsNotCounted() {
    boolean first = !callsNotCountedSaid;
    callsNotCountedSaid = true;
    return first;
  }

  private synchronized boolean firstFailure() {
    boolean first = !failureSaid;
    failureSaid = true;
    return first;
  }
}
