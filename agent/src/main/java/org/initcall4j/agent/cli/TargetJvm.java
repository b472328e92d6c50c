package org.initcall4j.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.stream.Stream;
import javax.management.AttributeNotFoundException;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.initcall4j.agent.Premain;
import org.initcall4j.agent.control.ControlLocation;
import org.initcall4j.agent.jmx.InitcallsMBeanRegistration;

/**
 * Another JVM on this machine, reached as jcmd and jconsole reach it: the Attach API, then the
 * JVM's local JMX agent, then the MBean {@code org.initcall4j:type=Initcalls}.
 */
final class TargetJvm implements AutoCloseable {
  static final String MBEAN = "org.initcall4j:type=Initcalls";

  private final long pid;
  private final JMXConnector connector;
  private final MBeanServerConnection connection;
  private final ObjectName name;

  private TargetJvm(long pid, JMXConnector connector) throws IOException, JMException {
    this.pid = pid;
    this.connector = connector;
    this.connection = connector.getMBeanServerConnection();
    this.name = new ObjectName(MBEAN);
  }

  /**
   * Connects to the agent's MBean in that JVM, with a clear error for each way it can fail. An
   * agent that runs without its MBean (profile mode alone) is asked to register it first.
   */
  static TargetJvm connect(long pid) throws CliException {
    VirtualMachine vm = attach(pid);
    TargetJvm target = null;
    try {
      String address;
      try {
        address = vm.startLocalManagementAgent();
      } catch (IOException e) {
        throw new CliException(CliException.FAILED, "cannot start the local JMX agent in JVM "
            + pid + ": " + e.getMessage());
      }
      try {
        target = new TargetJvm(pid, JMXConnectorFactory.connect(new JMXServiceURL(address)));
      } catch (IOException | JMException e) {
        throw new CliException(CliException.FAILED, "cannot connect to the JMX agent of JVM "
            + pid + " at " + address + ": " + e.getMessage());
      }
      if (!target.registered()) {
        askForMBean(vm, pid);
        if (!target.registered()) {
          throw new CliException(CliException.FAILED, "the initcall4j agent in JVM " + pid
              + " was asked for its MBean " + MBEAN + " but did not register it; that JVM's"
              + " stderr says why");
        }
      }
      target.checkProtocol(vm);
      TargetJvm connected = target;
      target = null;
      return connected;
    } finally {
      detach(vm);
      if (target != null) {
        target.close();
      }
    }
  }

  private boolean registered() throws CliException {
    try {
      return connection.isRegistered(name);
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "JVM " + pid + " stopped answering: " + e);
    }
  }

  /**
   * Refuses an agent whose MBean speaks another version of the protocol than this tool (an older
   * or newer initcall4j), before anything is read or called that could mean something else.
   */
  private void checkProtocol(VirtualMachine vm) throws CliException {
    Object version;
    try {
      version = connection.getAttribute(name, "ProtocolVersion");
    } catch (AttributeNotFoundException e) {
      version = 1; // agents before the attribute
    } catch (JMException | JMRuntimeException | IOException e) {
      throw failure("read ProtocolVersion", e);
    }
    int mine = InitcallsMBeanRegistration.PROTOCOL_VERSION;
    if (!Integer.valueOf(mine).equals(version)) {
      String jar = properties(vm, pid).getProperty(Premain.JAR_PROPERTY);
      throw new CliException(CliException.FAILED, "the initcall4j agent in JVM " + pid
          + " speaks protocol version " + version + ", and this tool speaks version " + mine
          + ": they are different versions of initcall4j; run the tool from the agent jar that"
          + " JVM runs" + (jar == null ? "" : ", java -jar " + jarPath(jar) + " ..."));
    }
  }

  /** The jar's path from the URL the agent publishes, or the URL itself when it is no file. */
  private static String jarPath(String url) {
    try {
      return Paths.get(new URI(url)).toString();
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
      return url;
    }
  }

  private static Properties properties(VirtualMachine vm, long pid) throws CliException {
    try {
      return vm.getSystemProperties();
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "JVM " + pid + " stopped answering: " + e);
    }
  }

  /**
   * Has the agent running in that JVM register its MBean: it left it out because there was
   * nothing to control at start-up. The agent says where its jar is in a system property; its
   * absence means no agent, or one with jmx=off (then the directory it uses is named).
   */
  private static void askForMBean(VirtualMachine vm, long pid) throws CliException {
    Properties properties = properties(vm, pid);
    String jar = properties.getProperty(Premain.JAR_PROPERTY);
    if (jar == null && properties.getProperty(Premain.RUNNING_PROPERTY) != null) {
      String dir = properties.getProperty(ControlLocation.DIRECTORY_PROPERTY);
      throw new CliException(CliException.FAILED, "the initcall4j agent in JVM " + pid
          + " runs with jmx=off, so it has no MBean; " + (dir == null
          ? "it has no control directory either (control=off, nothing to control, or not made"
          + " yet: it appears control.delay, 1s by default, after boot): start it without"
          + " jmx=off to use this tool"
          : "use its control directory " + dir + " (cat " + dir + "/initcalls; echo 1 > " + dir
          + "/deferred_initcalls)"));
    }
    if (jar == null) {
      throw new CliException(CliException.FAILED, "JVM " + pid + " does not run the initcall4j"
          + " agent (no MBean " + MBEAN + "): start it with -javaagent:initcall-agent.jar, or"
          + " load it now with: java -jar initcall-agent.jar attach " + pid);
    }
    try {
      vm.loadAgent(Paths.get(new URI(jar)).toString(), Premain.MBEAN_ON_REQUEST);
    } catch (AgentLoadException | AgentInitializationException | IOException
        | URISyntaxException | RuntimeException e) {
      throw new CliException(CliException.FAILED, "the initcall4j agent in JVM " + pid
          + " runs without its MBean and could not be asked for it (" + e + "); that JVM's"
          + " stderr may say why, and a JVM started with the agent option jmx=on has the"
          + " MBean from the start");
    }
  }

  /** Loads the agent jar into the JVM with these options ({@code agentmain}). */
  static void loadAgent(long pid, String jar, String options) throws CliException {
    VirtualMachine vm = attach(pid);
    try {
      String running = vm.getSystemProperties().getProperty(Premain.RUNNING_PROPERTY);
      if (running != null) {
        throw new CliException(CliException.FAILED, "the initcall4j agent already runs in JVM "
            + pid + " (" + running + "); nothing was loaded (see: java -jar initcall-agent.jar"
            + " status " + pid + ")");
      }
      vm.loadAgent(jar, options);
      Properties after = vm.getSystemProperties();
      if (after.getProperty(Premain.RUNNING_PROPERTY) == null) {
        String error = after.getProperty(Premain.ATTACH_ERROR_PROPERTY);
        throw new CliException(CliException.FAILED, "the initcall4j agent did not start in JVM "
            + pid + (error == null ? "; that JVM's stderr says why" : ": " + error));
      }
    } catch (AgentInitializationException e) {
      throw new CliException(CliException.FAILED, "the initcall4j agent did not start in JVM "
          + pid + "; that JVM's stderr says why");
    } catch (AgentLoadException | IOException e) {
      throw new CliException(CliException.FAILED, "cannot load " + jar + " into JVM " + pid
          + ": " + e.getMessage());
    } finally {
      detach(vm);
    }
  }

  /**
   * False only when the process surely is not a HotSpot JVM: its memory map (readable for the
   * same user on Linux) has no libjvm. Attaching to such a process would wait 10 s to fail.
   */
  static boolean mayBeJvm(long pid) {
    Path maps = Paths.get("/proc", Long.toString(pid), "maps");
    try (Stream<String> lines = Files.lines(maps)) {
      return lines.anyMatch(line -> line.endsWith("/libjvm.so"));
    } catch (IOException | UncheckedIOException | SecurityException e) {
      return true; // not Linux, or another user's process: let the attach say why
    }
  }

  private static VirtualMachine attach(long pid) throws CliException {
    if (ProcessHandle.of(pid).isEmpty()) {
      throw new CliException(CliException.FAILED, "no process with pid " + pid
          + " (jps lists the running JVMs)");
    }
    if (!mayBeJvm(pid)) {
      throw new CliException(CliException.FAILED, "process " + pid + " is not a JVM: it has no"
          + " libjvm loaded (jps lists the running JVMs)");
    }
    try {
      return VirtualMachine.attach(Long.toString(pid));
    } catch (AttachNotSupportedException | IOException e) {
      throw new CliException(CliException.FAILED, "cannot attach to process " + pid + ": "
          + e.getMessage() + " (it must be a JVM run by the same user, without"
          + " -XX:+DisableAttachMechanism)");
    }
  }

  private static void detach(VirtualMachine vm) {
    try {
      vm.detach();
    } catch (IOException e) {
      // the connection is done with anyway
    }
  }

  long pid() {
    return pid;
  }

  Object get(String attribute) throws CliException {
    try {
      return connection.getAttribute(name, attribute);
    } catch (JMException | JMRuntimeException | IOException e) {
      throw failure("read " + attribute, e);
    }
  }

  /**
   * Refuses plainly when the MBean cannot flush ({@code jmx=readonly}), naming the way that is
   * left, instead of JMX's "no such operation".
   */
  void requireFlush() throws CliException {
    if (Boolean.TRUE.equals(get("ReadOnly"))) {
      Object dir = get("ControlDirectory");
      throw new CliException(CliException.FAILED, "the initcall4j agent in JVM " + pid
          + " runs with jmx=readonly: its MBean shows the initcalls but cannot flush; "
          + ("off".equals(dir) ? "" : "flush through its control directory (echo 1 > " + dir
          + "/deferred_initcalls), or ") + "start it with jmx=on to flush from this tool");
    }
  }

  Object invoke(String operation, Object[] arguments, String[] signature) throws CliException {
    try {
      return connection.invoke(name, operation, arguments, signature);
    } catch (JMException | JMRuntimeException | IOException e) {
      throw failure(operation, e);
    }
  }

  /** The target's own message when it refused (an unknown name, say); otherwise what failed. */
  private CliException failure(String what, Exception e) {
    if (e instanceof RuntimeMBeanException && e.getCause() != null) {
      return new CliException(CliException.FAILED, e.getCause().getMessage());
    }
    if (e instanceof ReflectionException && e.getCause() instanceof NoSuchMethodException) {
      return new CliException(CliException.FAILED, "the initcall4j agent in JVM " + pid
          + " cannot " + what + ": it is an older initcall4j than this tool; run the tool from"
          + " the agent jar that JVM runs");
    }
    return new CliException(CliException.FAILED, "cannot " + what + " in JVM " + pid + ": " + e);
  }

  @Override
  public void close() {
    try {
      connector.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
