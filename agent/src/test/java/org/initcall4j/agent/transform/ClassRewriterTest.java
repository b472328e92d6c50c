package org.initcall4j.agent.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectStreamClass;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.initcall4j.agent.config.ConfigEntry;
import org.initcall4j.agent.config.MemberRef;
import org.initcall4j.agent.graph.BootPlan;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.ReflectiveInvoker;
import org.initcall4j.agent.testing.Compilation;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transformer on javac output for Java 8 and 17, in this JVM: the rewritten class passes the
 * verifier, its deferred static initializer runs on first use, an entry point whose first
 * instruction is a branch target parks and replays wide arguments; other classes, other loaders,
 * redefinitions and broken bytes are left alone.
 */
class ClassRewriterTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "--release {0}")
  @ValueSource(ints = {8, 17})
  void rewrittenClassVerifiesDefersItsInitializerAndParksCalls(int release) throws Exception {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    DefiningLoader loader = new DefiningLoader(compile(release));
    InitcallRuntime runtime = connect(loader, new PrintStream(warnings, true,
        StandardCharsets.UTF_8));
    runtime.boot();

    Class<?> target = Class.forName("rewrite.Target", true, loader);
    assertEquals("", events(loader), "initializing the class must not run the deferred body");
    assertFalse(Modifier.isFinal(target.getDeclaredField("TABLE").getModifiers()));
    assertTrue(Modifier.isFinal(target.getDeclaredField("NAME").getModifiers()));

    Object instance = target.getConstructor(String.class).newInstance("t1");
    assertEquals("clinit;", events(loader), "a constructor is a first real use");
    int[] out = new int[1];
    target.getMethod("spin", long.class, double.class, int[].class)
        .invoke(instance, 4L, 2.0, out);
    assertEquals(0, out[0], "the deferred call must be parked, not run");

    assertEquals(1, runtime.flush("spin").succeeded());
    assertEquals(16, out[0]);
    assertEquals("clinit;spin t1 16;", events(loader));
    target.getMethod("spin", long.class, double.class, int[].class)
        .invoke(instance, 1L, 1.0, out);
    assertEquals("clinit;spin t1 16;spin t1 18;", events(loader), "after the flush: at once");
    assertEquals(12L, target.getMethod("sum").invoke(null));
    Method spin = target.getMethod("spin", long.class, double.class, int[].class);
    assertTrue(spin.isAnnotationPresent(Deprecated.class), "annotations stay on the name");
    assertFalse(Modifier.isSynchronized(spin.getModifiers()), "hooks run outside the monitor");
    assertTrue(Modifier.isSynchronized(target.getDeclaredMethod(
        ClassRewriter.SYNCHRONIZED_BODY + "spin", long.class, double.class, int[].class)
        .getModifiers()), "the original code keeps its monitor");
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "--release {0}")
  @ValueSource(ints = {17})
  void everyOtherClassLoaderOrRedefinitionIsLeftAlone(int release) throws Exception {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    DefiningLoader loader = new DefiningLoader(compile(release));
    connect(loader, new PrintStream(warnings, true, StandardCharsets.UTF_8));
    byte[] bytes = loader.classes.get("rewrite/Target");

    assertNull(loader.transformer.transform(loader, "rewrite/Log", null, null,
        loader.classes.get("rewrite/Log")));
    assertNull(loader.transformer.transform(loader, "rewrite/Target", Object.class, null, bytes));
    assertNull(loader.transformer.transform(new DefiningLoader(Map.of()), "rewrite/Target", null,
        null, bytes));
    assertNull(loader.transformer.transform(loader, "rewrite/Target", null, null,
        new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1}));
    assertArrayEquals(loader.classes.get("rewrite/Target"), bytes, "input must not change");
    String said = warnings.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("rewrite.Target is loaded by"), said);
    assertTrue(said.contains("not by the application class loader"), said);
    assertTrue(said.contains("cannot rewrite rewrite.Target, left as it was"), said);
  }

  /**
   * A deferred Serializable class keeps the serialVersionUID it was compiled with, as a synthetic
   * constant; what the agent adds is synthetic and private, and the methods the source declares
   * are there as declared, but for {@code synchronized} on a hooked method (its code runs in a
   * synthetic method that keeps it). What else can be seen is in docs/existing-code.md.
   */
  @ParameterizedTest(name = "--release {0}")
  @ValueSource(ints = {11, 17})
  void aDeferredSerializableClassKeepsItsSerialVersionUid(int release) throws Exception {
    Map<String, byte[]> classes = compile("serial", release, "serial/Account");
    DefiningLoader loader = new DefiningLoader(classes);
    InitcallSpec spec = new InitcallSpec("account", InitLevel.DEVICE, "serial.Account", null,
        List.of(), List.of(), null, true, false, "test");
    BootPlan plan = InitcallGraph.plan(List.of(spec));
    Rewrites rewrites = Rewrites.plan(List.of(new ConfigEntry(spec,
        new MemberRef("serial.Account", null, null), "t", 1, "k", 1, false, true, List.of())), plan, loader,
        System.err);
    loader.transformer = rewrites.connect(new InitcallRuntime(plan,
        rewrites.invoker(new ReflectiveInvoker(loader))));
    Class<?> rewritten = Class.forName("serial.Account", false, loader);
    Class<?> compiled = Class.forName("serial.Account", false,
        new DefiningLoader(classes)); // no transformer: as compiled
    assertNotNull(rewritten.getDeclaredMethod(ClassRewriter.BODY), "rewritten");

    assertEquals(ObjectStreamClass.lookup(compiled).getSerialVersionUID(),
        ObjectStreamClass.lookup(rewritten).getSerialVersionUID());
    Field uid = rewritten.getDeclaredField("serialVersionUID");
    assertEquals("private static final long", Modifier.toString(uid.getModifiers()) + " "
        + uid.getType());
    assertTrue(uid.isSynthetic());
    for (Method method : rewritten.getDeclaredMethods()) {
      if (method.getName().startsWith("initcall4j$")) {
        assertTrue(method.isSynthetic() && Modifier.isPrivate(method.getModifiers()),
            method.toString());
      }
    }
    assertEquals(sourceMethods(compiled), sourceMethods(rewritten));
  }

  /** The methods the source declares, as reflection shows them, but for synchronized. */
  private static List<String> sourceMethods(Class<?> type) {
    return Stream.of(type.getDeclaredMethods()).filter(m -> !m.isSynthetic())
        .map(m -> Modifier.toString(m.getModifiers() & ~Modifier.SYNCHRONIZED) + " "
            + m.getName() + List.of(m.getParameterTypes()))
        .sorted().toList();
  }

  private static InitcallRuntime connect(DefiningLoader loader, PrintStream warnings) {
    InitcallSpec classInit = new InitcallSpec("target", InitLevel.DEVICE, "rewrite.Target", null,
        List.of(), List.of(), null, true, false, "test");
    InitcallSpec spin = new InitcallSpec("spin", InitLevel.DEVICE, "rewrite.Target", "spin",
        List.of("target"), List.of(), null, true, false, "test");
    List<ConfigEntry> entries = List.of(
        new ConfigEntry(classInit, new MemberRef("rewrite.Target", null, null), "t", 1, "k", 1),
        // by reference: spin fills the array its caller passed, and the test reads it back
        new ConfigEntry(spin, new MemberRef("rewrite.Target", "spin", "(JD[I)"), "t", 2, "k", 2,
            true, false, List.of()));
    BootPlan plan = InitcallGraph.plan(List.of(classInit, spin));
    Rewrites rewrites = Rewrites.plan(entries, plan, loader, warnings);
    InitcallRuntime runtime = new InitcallRuntime(plan,
        rewrites.invoker(new ReflectiveInvoker(loader)));
    loader.transformer = rewrites.connect(runtime);
    return runtime;
  }

  private static String events(ClassLoader loader) throws ReflectiveOperationException {
    return Class.forName("rewrite.Log", true, loader).getField("EVENTS").get(null).toString();
  }

  private Map<String, byte[]> compile(int release) throws IOException {
    return compile("rewrite", release, "rewrite/Log", "rewrite/Target");
  }

  /** Compiles a test app's sources; returns the named classes' bytes. */
  private Map<String, byte[]> compile(String app, int release, String... names)
      throws IOException {
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(Paths.get("src", "test", "apps", app))) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    Compilation result = Compilation.run(List.of("--release", String.valueOf(release),
        "-proc:none", "-Xlint:-options", "-d", dir.toString()), sources);
    assertTrue(result.success(), result.diagnostics());
    Map<String, byte[]> classes = new HashMap<>();
    for (String name : names) {
      classes.put(name, Files.readAllBytes(dir.resolve(name + ".class")));
    }
    return classes;
  }

  /**
   * Defines the test classes itself, passing each through the transformer as the JVM would (if
   * it has one).
   */
  static final class DefiningLoader extends ClassLoader {
    final Map<String, byte[]> classes;
    ClassFileTransformer transformer;

    DefiningLoader(Map<String, byte[]> classes) {
      super(DefiningLoader.class.getClassLoader());
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      String internal = name.replace('.', '/');
      byte[] bytes = classes.get(internal);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      byte[] changed;
      try {
        changed = transformer == null ? null
            : transformer.transform(this, internal, null, null, bytes.clone());
      } catch (IllegalClassFormatException e) {
        throw new ClassNotFoundException(name, e);
      }
      byte[] used = changed == null ? bytes : changed;
      return defineClass(name, used, 0, used.length);
    }
  }
}
