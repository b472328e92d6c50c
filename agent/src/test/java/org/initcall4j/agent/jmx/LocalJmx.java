package org.initcall4j.agent.jmx;

import com.sun.tools.attach.VirtualMachine;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.initcall4j.agent.testing.Await;

/**
 * A JMX connection to another JVM as jconsole makes it for a local process: the Attach API
 * starts the target's local management agent, then a standard RMI connector. Only JDK types.
 */
public final class LocalJmx implements AutoCloseable {
  static final String NAME = "org.initcall4j:type=Initcalls";

  private final JMXConnector connector;
  private final MBeanServerConnection connection;

  private LocalJmx(JMXConnector connector) throws Exception {
    this.connector = connector;
    this.connection = connector.getMBeanServerConnection();
  }

  public static LocalJmx connect(long pid) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    String address;
    try {
      address = vm.startLocalManagementAgent();
    } finally {
      vm.detach();
    }
    return new LocalJmx(JMXConnectorFactory.connect(new JMXServiceURL(address)));
  }

  public MBeanServerConnection connection() {
    return connection;
  }

  public ObjectName name() throws Exception {
    return new ObjectName(NAME);
  }

  /** Waits for the agent's background thread to register the MBean. */
  public void awaitRegistered() throws Exception {
    Await.until(NAME + " to be registered", () -> connection.isRegistered(name()));
  }

  public Object get(String attribute) throws Exception {
    return connection.getAttribute(name(), attribute);
  }

  public Object invoke(String operation, Object... args) throws Exception {
    String[] signature = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      signature[i] = args[i].getClass().getName();
    }
    return connection.invoke(name(), operation, args, signature);
  }

  @Override
  public void close() throws Exception {
    connector.close();
  }
}
