package org.initcall4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.config.ConfigEntry;
import org.initcall4j.agent.config.MemberRef;
import org.initcall4j.agent.graph.BootPlan;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.ReflectiveInvoker;
import org.initcall4j.agent.transform.Rewrites;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a deferred static initializer costs a class once it has run: every method of the class
 * starts with a guard. The same small static method, in a copy of the class as compiled and in a
 * copy rewritten for {@code initcall.x.deferred=true} and then initialized (the guard's fast
 * path), both called through a method handle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DeferredGuardBenchmark {

  /** The class under test: a table built by its static initializer, read by a static method. */
  public static final class Table {
    private static final int[] VALUES = new int[64];

    static {
      for (int i = 0; i < VALUES.length; i++) {
        VALUES[i] = i * 31;
      }
    }

    private Table() {}

    public static int lookup(int index) {
      return VALUES[index & 63];
    }
  }

  private static final String NAME = Table.class.getName();

  private MethodHandle asCompiled;
  private MethodHandle guarded;
  private int index;

  @Setup
  public void load() throws Throwable {
    byte[] bytes = classFile();
    asCompiled = lookup(new OneClassLoader(bytes));

    InitcallSpec spec = new InitcallSpec("table", InitLevel.DEVICE, NAME, null, List.of(),
        List.of(), null, true, false, "benchmark");
    BootPlan plan = InitcallGraph.plan(List.of(spec));
    OneClassLoader loader = new OneClassLoader(null);
    Rewrites rewrites = Rewrites.plan(List.of(new ConfigEntry(spec,
        new MemberRef(NAME, null, null), "benchmark", 1, "initcall.table.class", 1)), plan, loader,
        System.err);
    InitcallRuntime runtime = new InitcallRuntime(plan,
        rewrites.invoker(new ReflectiveInvoker(loader)));
    ClassFileTransformer transformer = rewrites.connect(runtime);
    loader.bytes = transformer.transform(loader, NAME.replace('.', '/'), null, null, bytes);
    if (loader.bytes == null) {
      throw new IllegalStateException("the class was not rewritten");
    }
    guarded = lookup(loader);
    if (runtime.flushAll().succeeded() != 1) {
      throw new IllegalStateException("the deferred initializer did not run");
    }
  }

  @Benchmark
  public int asCompiled() throws Throwable {
    return (int) asCompiled.invokeExact(index++);
  }

  @Benchmark
  public int deferredAndInitialized() throws Throwable {
    return (int) guarded.invokeExact(index++);
  }

  private static MethodHandle lookup(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> type = Class.forName(NAME, false, loader);
    return MethodHandles.publicLookup().findStatic(type, "lookup",
        MethodType.methodType(int.class, int.class));
  }

  private static byte[] classFile() throws IOException {
    String resource = "/" + NAME.replace('.', '/') + ".class";
    try (InputStream in = DeferredGuardBenchmark.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  /** Defines its own copy of {@link Table} from the bytes it holds; the rest from its parent. */
  private static final class OneClassLoader extends ClassLoader {
    byte[] bytes;

    OneClassLoader(byte[] bytes) {
      super(DeferredGuardBenchmark.class.getClassLoader());
      this.bytes = bytes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(NAME)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
      }
    }
  }
}
