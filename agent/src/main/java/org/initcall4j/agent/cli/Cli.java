package org.initcall4j.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.management.openmbean.CompositeData;
import org.initcall4j.agent.AgentOptions;

/**
 * {@code java -jar initcall-agent.jar list|status|flush [name] <pid>}, {@code trace <pid> FILE},
 * {@code attach <pid> [options]} and {@code verify [--config FILE] CLASSPATH}: the operator's
 * tool, like jcmd and systemd-analyze; and {@code advise}, the advisor ({@link Advise}). Exit status 0 on success, 1 when the operation failed (no
 * such process, no agent there, unknown initcall, an initcall the flush ran or needed failed or
 * was skipped, a class path the agent would stop on), 2 on bad arguments.
 */
public final class Cli {
  private Cli() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    System.exit(status);
  }

  /** Runs one command; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      return execute(List.of(args), out, err);
    } catch (CliException e) {
      err.println("initcall4j: " + e.getMessage());
      if (e.status() == CliException.USAGE) {
        err.println();
        err.print(usage());
      }
      return e.status();
    }
  }

  private static int execute(List<String> args, PrintStream out, PrintStream err)
      throws CliException {
    if (args.isEmpty()) {
      throw new CliException(CliException.USAGE, "no command given");
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    if (command.equals("flush")) {
      return flush(rest, out, err);
    }
    if (command.equals("advise")) {
      return Advise.run(rest, ownJar(), out);
    }
    switch (command) {
      case "help", "-h", "--help" -> out.print(usage());
      case "list" -> {
        try (TargetJvm target = TargetJvm.connect(pid(command, rest, 1))) {
          out.print(target.invoke("list", new Object[0], new String[0]));
        }
      }
      case "status" -> {
        try (TargetJvm target = TargetJvm.connect(pid(command, rest, 1))) {
          out.print(StatusReport.of(target));
        }
      }
      case "attach" -> attach(rest, out);
      case "trace" -> trace(rest, out);
      case "verify" -> {
        return Verify.run(rest, out, err);
      }
      default -> throw new CliException(CliException.USAGE, "unknown command '" + command + "'");
    }
    return 0;
  }

  /**
   * Exit status 1 when an initcall it ran or needed failed, was skipped or is disabled, now or
   * before.
   */
  private static int flush(List<String> rest, PrintStream out, PrintStream err)
      throws CliException {
    if (rest.size() != 1 && rest.size() != 2) {
      throw new CliException(CliException.USAGE, "flush takes [name] <pid>, got "
          + rest.size() + " argument" + (rest.size() == 1 ? "" : "s"));
    }
    long pid = pid("flush", rest, rest.size());
    String name = rest.size() == 2 ? rest.get(0) : null;
    try (TargetJvm target = TargetJvm.connect(pid)) {
      target.requireFlush();
      Object result = name == null
          ? target.invoke("flush", new Object[0], new String[0])
          : target.invoke("flush", new Object[] {name}, new String[] {String.class.getName()});
      CompositeData data = (CompositeData) result;
      boolean group = data.containsKey("group") && Boolean.TRUE.equals(data.get("group"));
      return FlushReport.print(data, name == null ? "all deferred initcalls"
          : group ? "group " + name + " (its parts and what they need)"
          : name + " and what it needs", pid, out, err);
    }
  }

  /** Writes the MBean's trace to FILE, or to stdout for {@code -}. */
  private static void trace(List<String> rest, PrintStream out) throws CliException {
    if (rest.size() != 2) {
      throw new CliException(CliException.USAGE, "trace takes <pid> FILE (- for stdout), got "
          + rest);
    }
    long pid = pid("trace", rest.subList(0, 1), 1);
    String file = rest.get(1);
    String json;
    try (TargetJvm target = TargetJvm.connect(pid)) {
      json = (String) target.invoke("trace", new Object[0], new String[0]);
    }
    if (file.equals("-")) {
      out.print(json);
      return;
    }
    Path path = Paths.get(file).toAbsolutePath();
    try {
      Files.writeString(path, json);
    } catch (IOException | RuntimeException e) {
      throw new CliException(CliException.FAILED, "cannot write the trace to " + path + ": "
          + e + "; give a file in a directory you can write, or - for stdout");
    }
    out.println("wrote the trace of JVM " + pid + " to " + path + "; open it in Perfetto"
        + " (ui.perfetto.dev) or chrome://tracing");
  }

  private static void attach(List<String> rest, PrintStream out) throws CliException {
    long pid = pid("attach", rest, 1);
    String options = rest.size() == 2 ? rest.get(1) : "";
    try {
      AgentOptions.parse(options); // checked here: a bad option must not reach the target
    } catch (IllegalArgumentException e) {
      throw new CliException(CliException.USAGE, e.getMessage());
    }
    TargetJvm.loadAgent(pid, ownJar().toString(), options);
    out.println("initcall4j agent loaded into JVM " + pid + "; its control directory and MBean"
        + " appear in a moment (java -jar initcall-agent.jar status " + pid + ")");
  }

  /** The pid at 1-based position {@code position} of the arguments after the command. */
  private static long pid(String command, List<String> rest, int position)
      throws CliException {
    boolean attach = command.equals("attach");
    if (attach ? rest.isEmpty() || rest.size() > 2 : rest.size() != position) {
      throw new CliException(CliException.USAGE, command + " takes "
          + (command.equals("flush") ? "[name] " : "") + "<pid>" + (attach ? " [options]" : "")
          + ", got " + rest);
    }
    String text = rest.get(position - 1);
    try {
      long pid = Long.parseLong(text);
      if (pid > 0) {
        return pid;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CliException(CliException.USAGE, "'" + text + "' is not a process id: give the"
        + " pid of the JVM (jps lists them) as the " + (command.equals("trace") ? "first" : "last")
        + " argument");
  }

  /** The jar this class runs from: the agent jar the target loads on attach. */
  private static Path ownJar() throws CliException {
    try {
      return Paths.get(Cli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new CliException(CliException.FAILED, "cannot find the agent jar this tool runs"
          + " from; run it as java -jar initcall-agent.jar");
    }
  }

  static String usage() {
    String n = System.lineSeparator();
    return "usage: java -jar initcall-agent.jar COMMAND" + n
        + "  list <pid>              every initcall and group: level, state, start, duration,"
        + " thread, group, error" + n
        + "  status <pid>            totals, boot time, deferred not run, flush policy, control"
        + " directory, init memory, and in profile mode the blame list" + n
        + "  flush <pid>             run every deferred initcall not run yet" + n
        + "  flush <name> <pid>      run that initcall and what it needs, or every part of that"
        + " group" + n
        + "                          (status 1, with the error, if one of them failed, was"
        + " skipped or is disabled)" + n
        + "  trace <pid> FILE        write the boot so far as a Trace Event Format file (JSON),"
        + " as report=DIR's trace.json, for Perfetto or chrome://tracing; - for stdout" + n
        + "  attach <pid> [options]  load the agent into a running JVM: control plane and profile"
        + " only, no boot (see docs/operations.md); options as for -javaagent:" + n
        + AgentOptions.describe().replaceAll("(?m)^", "    ")
        + "  verify [--config FILE] [--lenient] [--dot FILE] CLASSPATH" + n
        + "                          check offline what the agent would do with this class path"
        + " (jars and directories, as for java -cp) and config: print the boot order, or every"
        + " problem the agent would stop the JVM on, in its words; nothing is run. --lenient as"
        + " the option lenient; --dot writes the initcall graph (Graphviz). Status 0: the agent"
        + " would start; 1: it would stop" + n
        + "  " + AdviseArguments.USAGE + n
        + "                          run an unmodified application under the agent: profile,"
        + " trial with the candidates deferred, output check, timing; writes a config that"
        + " saves time and changes no output (see docs/advisor.md)" + n
        + "  help                    this text" + n
        + "The commands with a <pid> reach the JVM through the Attach API and its local JMX"
        + " agent, as jcmd and jconsole do: same machine, same user. An agent that left its MBean"
        + " out (profile mode without initcalls) is asked to register it. Status 2: bad"
        + " arguments." + n;
  }
}
