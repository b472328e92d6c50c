package org.initcall4j.agent.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;

/** Random, valid initcall graphs for the scheduler tests; the same seed gives the same graph. */
final class RandomGraphs {
  private RandomGraphs() {}

  /** One generated graph and its flags. */
  record Graph(List<InitcallSpec> specs, boolean[] failing) {
    InitcallRuntime runtime(Invoker invoker, RuntimeSettings settings) {
      return new InitcallRuntime(InitcallGraph.plan(specs), invoker, settings, System.err);
    }
  }

  /**
   * {@code n} initcalls, each after up to three earlier ones; a boot initcall only waits for boot
   * initcalls (as the graph demands); some async, some pinned, some deferred, some failing.
   */
  static Graph generate(Random random, int n, double deferredShare) {
    List<InitcallSpec> specs = new ArrayList<>(n);
    boolean[] deferred = new boolean[n];
    boolean[] failing = new boolean[n];
    for (int i = 0; i < n; i++) {
      deferred[i] = random.nextDouble() < deferredShare;
      failing[i] = random.nextInt(12) == 0;
      List<String> after = new ArrayList<>();
      for (int e = 0; e < 3 && i > 0; e++) {
        int target = random.nextInt(i);
        if ((deferred[i] || !deferred[target]) && !after.contains("n" + target)) {
          after.add("n" + target);
        }
      }
      boolean async = random.nextInt(3) > 0;
      boolean pinned = !async && random.nextInt(4) == 0;
      specs.add(new InitcallSpec("n" + i, InitLevel.DEVICE, "C", "m" + i, after, List.of(), null,
          deferred[i], async, pinned, "generated"));
    }
    return new Graph(specs, failing);
  }

  static int index(InitcallSpec spec) {
    return Integer.parseInt(spec.name().substring(1));
  }
}
