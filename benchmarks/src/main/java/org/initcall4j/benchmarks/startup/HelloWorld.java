package org.initcall4j.benchmarks.startup;

/** The program whose start-up the agent overhead benchmark times; packed alone into a jar. */
public final class HelloWorld {
  private HelloWorld() {}

  public static void main(String[] args) {
    System.out.println("hello, world");
  }
}
