package org.initcall4j.agent.cli;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.management.openmbean.CompositeData;
import org.initcall4j.agent.AgentOptions;

/**
 * {@code java -jar initcall-agent.jar list|status|flush [name] <pid>} and
 * {@code attach <pid> [options]}: the operator's tool, like jcmd. Exit status 0 on success, 1
 * when the operation failed (no such process, no agent there, unknown initcall, an initcall the
 * flush ran or needed failed or was skipped), 2 on bad arguments.
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
      default -> throw new CliException(CliException.USAGE, "unknown command '" + command + "'");
    }
    return 0;
  }

  /** Exit status 1 when an initcall it ran or needed failed or was skipped, now or before. */
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
      return FlushReport.print((CompositeData) result, name == null ? "all deferred initcalls"
          : name + " and what it needs", pid, out, err);
    }
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
        + " pid of the JVM (jps lists them) as the last argument");
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
        + "  list <pid>              every initcall: level, state, start, duration, thread, error"
        + n
        + "  status <pid>            totals, boot time, deferred not run, flush policy, control"
        + " directory, init memory, and in profile mode the blame list" + n
        + "  flush <pid>             run every deferred initcall not run yet" + n
        + "  flush <name> <pid>      run that initcall and what it needs" + n
        + "                          (status 1, with the error, if one of them failed or was"
        + " skipped)" + n
        + "  attach <pid> [options]  load the agent into a running JVM: control plane and profile"
        + " only, no boot (see docs/operations.md); options as for -javaagent:" + n
        + AgentOptions.describe().replaceAll("(?m)^", "    ")
        + "  help                    this text" + n
        + "It reaches the JVM through the Attach API and its local JMX agent, as jcmd and"
        + " jconsole do: same machine, same user. An agent that left its MBean out (profile mode"
        + " without initcalls) is asked to register it." + n;
  }
}
