package org.initcall4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * starts with a guard, and every read of its static fields in another class has one in front of
 * it. The same small static methods, in copies of the classes as compiled and in copies rewritten
 * for {@code initcall.x.deferred=true} and then initialized (the guard's fast path), all called
 * through method handles: {@code Table.lookup} reads its own private table,
 * {@code PriceReader.read} reads {@code Prices}' public one.
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

  /** A deferred class with a public static table, read directly by another class. */
  public static final class Prices {
    public static final int[] TABLE = new int[64];

    static {
      for (int i = 0; i < TABLE.length; i++) {
        TABLE[i] = i * 17;
      }
    }

    private Prices() {}
  }

  /** Reads {@link Prices#TABLE} with a getstatic of its own: guarded when Prices is deferred. */
  public static final class PriceReader {
    private PriceReader() {}

    public static int read(int index) {
      return Prices.TABLE[index & 63];
    }
  }

  private static final String TABLE = Table.class.getName();
  private static final String PRICES = Prices.class.getName();
  private static final String READER = PriceReader.class.getName();
  private static final MethodType INT_TO_INT = MethodType.methodType(int.class, int.class);

  private MethodHandle asCompiled;
  private MethodHandle guarded;
  private MethodHandle fieldAsCompiled;
  private MethodHandle fieldGuarded;
  private int index;

  @Setup
  public void load() throws Throwable {
    Map<String, byte[]> compiled = Map.of(TABLE, classFile(TABLE), PRICES, classFile(PRICES),
        READER, classFile(READER));
    CopiesLoader plain = new CopiesLoader(compiled);
    asCompiled = handle(plain, TABLE, "lookup");
    fieldAsCompiled = handle(plain, READER, "read");

    List<InitcallSpec> specs = List.of(deferredClass("table", TABLE),
        deferredClass("prices", PRICES));
    BootPlan plan = InitcallGraph.plan(specs);
    CopiesLoader loader = new CopiesLoader(new HashMap<>());
    // checked by the config check, as the agent would: Prices' public field is read elsewhere
    Rewrites rewrites = Rewrites.plan(List.of(
        new ConfigEntry(specs.get(0), new MemberRef(TABLE, null, null), "benchmark", 1,
            "initcall.table.class", 1),
        new ConfigEntry(specs.get(1), new MemberRef(PRICES, null, null), "benchmark", 2,
            "initcall.prices.class", 2, false, false, List.of("TABLE"))), plan, loader,
        System.err);
    InitcallRuntime runtime = new InitcallRuntime(plan,
        rewrites.invoker(new ReflectiveInvoker(loader)));
    ClassFileTransformer transformer = rewrites.connect(runtime);
    for (Map.Entry<String, byte[]> entry : compiled.entrySet()) {
      byte[] rewritten = transformer.transform(loader, entry.getKey().replace('.', '/'), null,
          null, entry.getValue());
      if (rewritten == null) {
        throw new IllegalStateException(entry.getKey() + " was not rewritten");
      }
      loader.copies.put(entry.getKey(), rewritten);
    }
    guarded = handle(loader, TABLE, "lookup");
    fieldGuarded = handle(loader, READER, "read");
    if (runtime.flushAll().succeeded() != 2) {
      throw new IllegalStateException("the deferred initializers did not run");
    }
  }

  private static InitcallSpec deferredClass(String name, String className) {
    return new InitcallSpec(name, InitLevel.DEVICE, className, null, List.of(), List.of(), null,
        true, false, "benchmark");
  }

  @Benchmark
  public int asCompiled() throws Throwable {
    return (int) asCompiled.invokeExact(index++);
  }

  @Benchmark
  public int deferredAndInitialized() throws Throwable {
    return (int) guarded.invokeExact(index++);
  }

  @Benchmark
  public int fieldReadAsCompiled() throws Throwable {
    return (int) fieldAsCompiled.invokeExact(index++);
  }

  @Benchmark
  public int fieldReadGuarded() throws Throwable {
    return (int) fieldGuarded.invokeExact(index++);
  }

  private static MethodHandle handle(ClassLoader loader, String className, String method)
      throws ReflectiveOperationException {
    Class<?> type = Class.forName(className, false, loader);
    return MethodHandles.publicLookup().findStatic(type, method, INT_TO_INT);
  }

  private static byte[] classFile(String className) throws IOException {
    String resource = "/" + className.replace('.', '/') + ".class";
    try (InputStream in = DeferredGuardBenchmark.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  /** Defines its own copies of the classes it holds the bytes of; the rest from its parent. */
  private static final class CopiesLoader extends ClassLoader {
    final Map<String, byte[]> copies;

    CopiesLoader(Map<String, byte[]> copies) {
      super(DeferredGuardBenchmark.class.getClassLoader());
      this.copies = copies;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      byte[] bytes = copies.get(name);
      if (bytes == null) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
      }
    }
  }
}
