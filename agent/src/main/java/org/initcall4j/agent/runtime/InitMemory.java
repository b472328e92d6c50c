package org.initcall4j.agent.runtime;

import java.util.List;
import java.util.Locale;

/**
 * The kernel frees its {@code .init} section once booting is over; this is the same for the
 * agent. When every initcall is over (done, failed or skipped: nothing can run again), it drops
 * what only running them needed: the boot plan (order, edges, name index), the invoker (and
 * through it the config rewrites' parked work, if nothing else holds them), and each
 * declaration's dependency lists and origin. Names, levels, states, times and errors stay for
 * reports. Listens to the runtime, so it happens at the end of whichever flush ran the last one.
 */
public final class InitMemory implements InitcallListener {
  private final InitcallRuntime runtime;
  private volatile String freed;
  /** Records before this index are terminal (terminal never changes): each check goes on from here. */
  private int scanned;

  public InitMemory(InitcallRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void finished(InitcallRecord record) {
    tryFree();
  }

  @Override
  public void skipped(InitcallRecord record) {
    tryFree();
  }

  @Override
  public void flushFinished(FlushResult result) {
    tryFree();
  }

  /** Frees when nothing can run any more; true once freed. */
  public synchronized boolean tryFree() {
    if (freed != null) {
      return true;
    }
    List<InitcallRecord> records = runtime.records();
    while (scanned < records.size()) {
      if (!records.get(scanned).state().isTerminal()) {
        return false;
      }
      scanned++;
    }
    int edges = 0;
    for (InitcallRecord record : records) {
      edges += record.prerequisites().size();
    }
    runtime.releaseInitWork();
    freed = String.format(Locale.ROOT, "freed at %.3f ms: boot plan of %d initcalls and %d edges,"
        + " invoker, dependency lists and origins of %d declarations",
        runtime.elapsedNanos() / 1e6, records.size(), edges, records.size());
    return true;
  }

  public boolean freed() {
    return freed != null;
  }

  /** What was freed, or why not yet. */
  public String detail() {
    String done = freed;
    if (done != null) {
      return done;
    }
    int waiting = 0;
    for (InitcallRecord record : runtime.records()) {
      if (!record.state().isTerminal()) {
        waiting++;
      }
    }
    return "not yet: " + waiting + " initcall" + (waiting == 1 ? " has" : "s have")
        + " not run (deferred, pending or running)";
  }

  /** Lookup by name once the plan's index is gone: a scan, rare and short. */
  static InitcallRecord find(List<InitcallRecord> records, String name) {
    for (InitcallRecord record : records) {
      if (record.name().equals(name)) {
        return record;
      }
    }
    return null;
  }
}
