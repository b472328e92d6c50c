package impostor;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Not the agent: registers an MBean under the agent's name that speaks another protocol version,
 * as an agent of another initcall4j version would. "old": no ProtocolVersion attribute (agents
 * before it), and a flush that answers with a bare count; "newer": version 99. Runs until stdin
 * closes.
 */
public final class Main {
  private Main() {}

  /** An agent before protocol versions. */
  public interface OldMBean {
    int getTotal();

    int flush();
  }

  public static final class Old implements OldMBean {
    @Override
    public int getTotal() {
      return 3;
    }

    @Override
    public int flush() {
      System.out.println("impostor flushed");
      return 3;
    }
  }

  /** An agent of a later version. */
  public interface NewerMBean {
    int getProtocolVersion();
  }

  public static final class Newer implements NewerMBean {
    @Override
    public int getProtocolVersion() {
      return 99;
    }
  }

  public static void main(String[] args) throws Exception {
    Object bean = args[0].equals("old") ? new Old() : new Newer();
    ManagementFactory.getPlatformMBeanServer().registerMBean(bean,
        new ObjectName("org.initcall4j:type=Initcalls"));
    System.setProperty("initcall4j.agent.jar", "file:/opt/initcall4j-0.0.9/initcall-agent.jar");
    System.out.println("app up");
    while (System.in.read() >= 0) {
      // until the test closes stdin
    }
  }
}
