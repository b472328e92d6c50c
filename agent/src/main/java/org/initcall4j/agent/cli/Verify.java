package org.initcall4j.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.initcall4j.agent.DisabledInitcalls;
import org.initcall4j.agent.config.ConfigException;
import org.initcall4j.agent.config.InitcallConfig;
import org.initcall4j.agent.control.ControlViews;
import org.initcall4j.agent.graph.BootPlan;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.graph.InitcallGraphException;
import org.initcall4j.agent.index.IndexFormatException;
import org.initcall4j.agent.index.IndexLoader;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.report.InitcallsDot;

/**
 * {@code verify [--config FILE] [--lenient] [--dot FILE] CLASSPATH}, as {@code systemd-analyze
 * verify} checks units: reads the initcall indexes a class path holds and a config as the agent
 * does at start-up, and prints the boot order, or every problem on which the agent would stop
 * the JVM, in the agent's own words. Nothing is loaded or run: indexes and class files are read
 * as resources. Where the agent stops at the first bad index or config, this reads them all, so
 * one run shows every problem; the graph is checked once they all read.
 */
final class Verify {
  private final PrintStream out;
  private final PrintStream err;
  private int problems;

  private Verify(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Exit status 0 when the agent would start, 1 when it would stop before main. */
  static int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
    VerifyArguments arguments = VerifyArguments.parse(args);
    List<URL> urls = ClassPath.urls(arguments.classPath());
    // named as the JVM's own application class loader, which the agent's messages name
    try (URLClassLoader loader = new URLClassLoader("app", urls.toArray(new URL[0]),
        ClassLoader.getPlatformClassLoader())) {
      return new Verify(out, err).check(loader, arguments);
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot close the class path: " + e);
    }
  }

  private int check(ClassLoader loader, VerifyArguments arguments) throws CliException {
    List<InitcallSpec> specs = new ArrayList<>();
    Collection<URL> indexes = readIndexes(loader, arguments.classPath(), specs);
    out.println("initcall4j verify: " + indexes.size() + " initcall "
        + (indexes.size() == 1 ? "index" : "indexes") + " on the class path"
        + (arguments.config() == null ? "" : ", config " + arguments.config())
        + (arguments.lenient() ? " (lenient)" : ""));
    for (URL index : indexes) {
      out.println("  " + index);
    }
    if (specs.isEmpty() && arguments.config() == null && problems == 0) {
      String hint = IndexLoader.missingIndexHint(loader);
      if (hint != null) {
        err.println(hint); // the agent's warning; it does not stop on it
      }
    }
    InitcallConfig config = null;
    if (arguments.config() != null) {
      try {
        // lenient: the entries left out are reported on err as the agent reports them
        config = InitcallConfig.load(arguments.config(), arguments.lenient(), loader, err);
        specs.addAll(config.specs());
      } catch (ConfigException e) {
        problem(e.getMessage());
      }
    }
    if (problems > 0) {
      err.println("initcall4j verify: the order of the initcalls was not checked: it needs every"
          + " index and the config read first");
      return stops();
    }
    if (arguments.dot() != null) {
      writeDot(specs, arguments.dot());
    }
    BootPlan plan;
    try {
      plan = InitcallGraph.plan(specs);
    } catch (InitcallGraphException e) {
      problem(e.getMessage());
      return stops();
    }
    // the config's disabled names; option disable is the agent's, not the class path's
    for (String disabled : DisabledInitcalls.problems(List.of(), config, plan)) {
      problem(disabled);
    }
    if (problems > 0) {
      return stops();
    }
    out.print(order(plan));
    int deferred = 0;
    for (InitcallSpec spec : plan.order()) {
      deferred += spec.deferred() ? 1 : 0;
    }
    out.println("initcall4j verify: no problem found; the agent would run these "
        + plan.size() + " initcalls, " + (plan.size() - deferred) + " at boot and " + deferred
        + " deferred");
    return 0;
  }

  /** Every index the class path holds, each read on its own so that one bad file hides none. */
  private Collection<URL> readIndexes(ClassLoader loader, String classPath,
      List<InitcallSpec> specs) throws CliException {
    Collection<URL> indexes;
    try {
      indexes = IndexLoader.locations(loader, classPath);
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot look for initcall indexes on the"
          + " class path: " + e);
    }
    for (URL index : indexes) {
      try {
        specs.addAll(IndexLoader.parse(index));
      } catch (IndexFormatException e) {
        problem(e.getMessage());
      } catch (IOException e) {
        problem("cannot read " + index + ": " + e);
      }
    }
    return indexes;
  }

  /** A problem the agent would stop on, printed as the agent prints it before it stops. */
  private void problem(String message) {
    problems++;
    err.println("initcall4j: " + message);
  }

  private int stops() {
    err.println("initcall4j verify: the agent would stop the JVM before main");
    return CliException.FAILED;
  }

  /** The boot order as a table: position, name, level, when and where it runs, what it needs. */
  private static String order(BootPlan plan) {
    List<String[]> rows = new ArrayList<>(plan.size() + 1);
    rows.add(new String[] {"#", "NAME", "LEVEL", "RUNS", "NEEDS", "TARGET"});
    for (int position = 0; position < plan.size(); position++) {
      InitcallSpec spec = plan.order().get(position);
      List<String> needs = new ArrayList<>();
      for (int need : plan.prerequisites(position)) {
        needs.add(plan.order().get(need).name());
      }
      rows.add(new String[] {Integer.toString(position + 1), spec.name(), spec.level().name(),
          (spec.deferred() ? "deferred" : "boot") + (spec.async() ? ",async" : "")
              + (spec.mainThread() ? ",mainThread" : ""),
          needs.isEmpty() ? "-" : String.join(",", needs), spec.target()});
    }
    return ControlViews.align(rows);
  }

  private void writeDot(List<InitcallSpec> specs, String file) throws CliException {
    Path path = Paths.get(file).toAbsolutePath();
    try {
      Files.writeString(path, InitcallsDot.dot(specs, Map.of(), null));
    } catch (IOException | RuntimeException e) {
      throw new CliException(CliException.FAILED, "cannot write the graph to " + path + ": "
          + e + "; give --dot a file in a directory you can write");
    }
    out.println("initcall4j verify: wrote the initcall graph to " + path);
  }
}
