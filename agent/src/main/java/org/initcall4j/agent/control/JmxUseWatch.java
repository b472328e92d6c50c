package org.initcall4j.agent.control;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Registers the MBean when JMX is first used in this JVM, not at start: loading
 * {@code java.management} costs an application tens of milliseconds of start-up, for an MBean
 * most runs never show anyone. JMX is in use once the JDK's management agent starts a connector
 * (jconsole, VisualVM, {@code jcmd ManagementAgent.start}, a remote port) or the application
 * reaches the platform MBean server itself; either loads one of the two classes watched here,
 * which every other class passes on one string comparison. The MBean is registered on a thread
 * of its own: the class that gave the sign is still being loaded.
 */
final class JmxUseWatch implements ClassFileTransformer {
  private static final String CONNECTOR = "sun/management/jmxremote/ConnectorBootstrap";
  private static final String FACTORY = "java/lang/management/ManagementFactory";

  private final Instrumentation instrumentation;
  private final Runnable register;
  private volatile boolean fired;

  private JmxUseWatch(Instrumentation instrumentation, Runnable register) {
    this.instrumentation = instrumentation;
    this.register = register;
  }

  /**
   * Calls {@code register} once JMX is in use: at once when it already is (or a remote port was
   * asked for on the command line), else on the first sign of it.
   */
  static void install(Instrumentation instrumentation, Runnable register) {
    if (System.getProperty("com.sun.management.jmxremote.port") != null
        || System.getProperty("com.sun.management.jmxremote") != null) {
      register.run();
      return;
    }
    JmxUseWatch watch = new JmxUseWatch(instrumentation, register);
    instrumentation.addTransformer(watch);
    // loaded before the watch was there (during boot, say): JMX is in use already
    for (Class<?> loaded : instrumentation.getInitiatedClasses(null)) {
      String name = loaded.getName();
      if (name.equals("java.lang.management.ManagementFactory")
          || name.equals("sun.management.jmxremote.ConnectorBootstrap")) {
        watch.fire();
        return;
      }
    }
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (loader == null && !fired && (CONNECTOR.equals(className) || FACTORY.equals(className))) {
      fire();
    }
    return null;
  }

  private void fire() {
    synchronized (this) {
      if (fired) {
        return;
      }
      fired = true;
    }
    instrumentation.removeTransformer(this);
    Thread thread = new Thread(register, "initcall4j-jmx");
    thread.setDaemon(true);
    thread.start();
  }
}
