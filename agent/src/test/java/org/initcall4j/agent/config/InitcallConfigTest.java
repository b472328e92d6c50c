package org.initcall4j.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.testing.Hostile;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config files: every syntax and target error with its place; the specs they declare. */
class InitcallConfigTest {
  private static ClassLoader apps;

  @BeforeAll
  static void compileApps() throws Exception {
    apps = new URLClassLoader(new URL[] {TestApps.classes("entry").toUri().toURL(),
        TestApps.classes("lazy").toUri().toURL(), TestApps.classes("serial").toUri().toURL(),
        TestApps.classes("lifecycle").toUri().toURL()}, null);
  }

  private static InitcallConfig parse(String text) {
    return InitcallConfig.parse(text, "app.properties", false, apps, System.err);
  }

  /** The one problem message a config gives. */
  private static String problem(String text) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0).toString();
  }

  @Test
  void disabledAloneNamesAnInitcallDeclaredElsewhereAndWithATargetDeclaresAndDisablesIt() {
    InitcallConfig config = parse("""
        initcall.usb.disabled = true
        initcall.catalog.class = lazy.Catalog
        initcall.catalog.deferred = true
        initcall.catalog.disabled = TRUE
        initcall.clock.disabled = false
        """);

    assertEquals(List.of("catalog"), config.specs().stream().map(InitcallSpec::name).toList(),
        "a disabled entry alone declares nothing");
    assertEquals(List.of(new DisabledEntry("usb", "app.properties", 1,
        "initcall.usb.disabled"), new DisabledEntry("catalog", "app.properties", 4,
        "initcall.catalog.disabled")), config.disabled());
    assertEquals("app.properties:1: initcall.usb.disabled", config.disabled().get(0).place());
  }

  @Test
  void aBadDisabledValueOrADisabledEntryWithoutATargetIsAProblem() {
    assertEquals("app.properties:1: initcall.usb.disabled: expected true or false, found 'yes'",
        problem("initcall.usb.disabled = yes\n"));
    assertTrue(problem("initcall.usb.disabled = true\ninitcall.usb.deferred = true\n")
        .contains("has no target: add initcall.usb.method=com.acme.Type#method() or"
            + " initcall.usb.class=com.acme.Type (to disable an initcall declared elsewhere,"
            + " give initcall.usb.disabled alone)"), "a half-declared entry is not guessed at");
  }

  @Test
  void readsEntriesWithCommentsContinuationsAndBothSeparators() {
    InitcallConfig config = parse("""
        # comment
        ! another comment
        initcall.usb.core.method = entry.Usb#connect(java.lang.String, \\
            int)
        initcall.usb.core.deferred: TRUE
        initcall.usb.core.after = clock, storage
        initcall.usb.core.level = Fs

        initcall.catalog.class=lazy.Catalog
        """);

    InitcallSpec usb = config.specs().get(0);
    assertEquals("usb.core", usb.name());
    assertEquals("entry.Usb", usb.className());
    assertEquals("connect", usb.methodName());
    assertTrue(usb.deferred());
    assertEquals(InitLevel.FS, usb.level());
    assertEquals(List.of("clock", "storage"), usb.after());
    assertEquals("app.properties:3", usb.origin());
    assertEquals("(Ljava/lang/String;I)", config.entries().get(0).target().parameterDescriptor());
    InitcallSpec catalog = config.specs().get(1);
    assertNull(catalog.methodName());
    assertEquals(InitLevel.DEVICE, catalog.level());
    assertEquals("app.properties:9", catalog.origin());
  }

  @Test
  void anUnreadableFileIsNamedAsResolvedWithoutALenientHintThatCannotHelp(@TempDir Path dir) {
    String missing = dir.resolve("initcalls.properties").toString();
    for (boolean lenient : new boolean[] {false, true}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> InitcallConfig.load(missing, lenient, apps, System.err));
      assertEquals("cannot read the initcall config file " + missing + ": no such file; give"
          + " option config= the path of a readable properties file (a relative path is resolved"
          + " against the working directory)", e.getMessage());
    }
    ConfigException directory = assertThrows(ConfigException.class,
        () -> InitcallConfig.load(dir.toString(), false, apps, System.err));
    assertTrue(directory.getMessage().startsWith("cannot read the initcall config file " + dir
        + ": it is a directory;"), directory.getMessage());
    ConfigException relative = assertThrows(ConfigException.class,
        () -> InitcallConfig.load("no-such-initcalls.properties", false, apps, System.err));
    assertTrue(relative.getMessage().startsWith("cannot read the initcall config file"
        + " no-such-initcalls.properties (" + Path.of("").toAbsolutePath()
        .resolve("no-such-initcalls.properties") + "): no such file;"), relative.getMessage());
  }

  @Test
  void aPipeOrDeviceIsRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("initcalls.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor(), "mkfifo " + fifo);
    // opening a FIFO blocks until a writer comes, and /dev/zero never ends: neither is opened
    for (String path : List.of(fifo.toString(), "/dev/zero")) {
      ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
          ConfigException.class, () -> InitcallConfig.load(path, false, apps, System.err)));
      assertTrue(e.getMessage().startsWith("cannot read the initcall config file " + path
          + ": it is not a regular file (a pipe, device or socket); copy the config into a"
          + " file; give option config="), e.getMessage());
    }
  }

  @Test
  void aFileOverOneMebibyteIsRefusedAndOneAtTheLimitIsRead(@TempDir Path dir) throws Exception {
    String entry = "initcall.catalog.class = lazy.Catalog\n";
    Path atLimit = dir.resolve("at-limit.properties");
    Files.writeString(atLimit, entry + "#".repeat(InitcallConfig.MAX_BYTES - entry.length()));
    assertEquals(InitcallConfig.MAX_BYTES, Files.size(atLimit));
    assertEquals(List.of("catalog"), InitcallConfig.load(atLimit.toString(), false, apps,
        System.err).specs().stream().map(InitcallSpec::name).toList());

    Path over = dir.resolve("over.properties");
    Files.writeString(over, entry + "#".repeat(InitcallConfig.MAX_BYTES - entry.length() + 1));
    ConfigException e = assertThrows(ConfigException.class,
        () -> InitcallConfig.load(over.toString(), false, apps, System.err));
    assertTrue(e.getMessage().startsWith("cannot read the initcall config file " + over
        + ": it is larger than 1048576 bytes (1 MiB), the limit for a config file;"),
        e.getMessage());
  }

  /**
   * Continuation lines were joined by copying the value so far once per line: 1.9 MB took 16.8 s
   * and 1.2 GB before main. Measured in memory allocated on this thread, which a busy machine
   * does not change: the whole file, then half of it; linear work allocates twice as much for
   * twice the text, quadratic four times. The other worst case, an entry with problems on every
   * line, was quadratic in time only (each entry looked through every problem): the thread's CPU
   * time for the whole file is bounded instead, at ten times what it takes (0.3 s).
   */
  @Test
  void continuationLinesAndBadEntriesAtTheSizeLimitParseInLinearTimeAndMemory() {
    int size = InitcallConfig.MAX_BYTES;
    StringBuilder continued = new StringBuilder("initcall.a.class = lazy.Catalog\\\n");
    while (continued.length() < size - 4) {
      continued.append("  x\\\n");
    }
    StringBuilder badEntries = new StringBuilder();
    for (int i = 0; badEntries.length() < size - 40; i++) {
      badEntries.append("initcall.e").append(i).append(".async=maybe\n");
    }
    measuredParse("initcall.a.class = lazy.Catalog\\\n x\ninitcall.b.async=maybe\n"); // warm-up
    for (String text : List.of(continued.toString(), badEntries.toString())) {
      long[] whole = measuredParse(text);
      long[] half = measuredParse(text.substring(0, text.lastIndexOf('\n', text.length() / 2)));
      String shape = Hostile.show(text.substring(0, 40));
      assertTrue(whole[0] < 3 * half[0], "twice the text allocated " + whole[0] + " bytes,"
          + " against " + half[0] + " for half of it: " + shape);
      assertTrue(whole[1] < 3_000_000_000L, "parsing took " + whole[1] / 1_000_000 + " ms of CPU"
          + " time: " + shape);
    }
  }

  /** Bytes allocated and CPU nanoseconds used on this thread by a lenient parse that reports. */
  private static long[] measuredParse(String text) {
    PrintStream warnings = new PrintStream(OutputStream.nullOutputStream(), true,
        StandardCharsets.UTF_8);
    com.sun.management.ThreadMXBean thread =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long allocated = thread.getThreadAllocatedBytes(id);
    long cpu = thread.getCurrentThreadCpuTime();
    InitcallConfig.parse(text, "app.properties", true, apps, warnings);
    return new long[] {thread.getThreadAllocatedBytes(id) - allocated,
        thread.getCurrentThreadCpuTime() - cpu};
  }

  @Test
  void syntaxAndKeyErrorsNameLineKeyAndFix() {
    assertEquals("app.properties:2: expected 'key=value', found 'oops'",
        problem("initcall.a.class=lazy.Catalog\noops\n"));
    assertTrue(problem("usb.method=entry.Storage#mount()").startsWith(
        "app.properties:1: usb.method: keys look like initcall.<name>.<attribute>"));
    assertTrue(problem("initcall.a b.class=lazy.Catalog").contains(
        "'a b' is not an initcall name"));
    assertTrue(problem("initcall.a.class=lazy.Catalog\ninitcall.a.defered=true").startsWith(
        "app.properties:2: initcall.a.defered: unknown attribute 'defered'; did you mean"
            + " 'deferred'?"));
    assertEquals("app.properties:2: initcall.a.class: given twice (first at line 1); keep one",
        problem("initcall.a.class=lazy.Catalog\ninitcall.a.class=lazy.Shared"));
  }

  @Test
  void valueErrorsNameTheKeyAndWhatIsAllowed() {
    assertTrue(problem("initcall.a.class=lazy.Catalog\ninitcall.a.level=boot").contains(
        ":2: initcall.a.level: unknown level 'boot'; levels, in boot order: early, pure,"));
    assertTrue(problem("initcall.a.class=lazy.Catalog\ninitcall.a.deferred=yes").contains(
        "initcall.a.deferred: expected true or false, found 'yes'"));
    assertTrue(problem("initcall.a.class=lazy.Catalog\ninitcall.a.async=true\n"
        + "initcall.a.mainThread=true").contains(":3: initcall.a.mainThread: an initcall cannot"
            + " be both async and mainThread"));
    assertTrue(problem("initcall.a.level=fs").contains(
        ":1: initcall.a.level: initcall 'a' has no target: add initcall.a.method="));
    assertTrue(problem("initcall.a.method=entry.Storage.mount()").contains(
        "is not a method; write Class#method(parameter types)"));
    assertTrue(problem("initcall.a.method=entry.Usb#<init>()").contains(
        "constructors and static initializers cannot be entry points"));
    assertTrue(problem("initcall.a.method=entry.Usb#connect(java.lang.String int)").contains(
        "'java.lang.String int' is not a parameter type"));
    assertTrue(problem("initcall.a.method=entry.Usb#connect(java.lang.String, int)").contains(
        "takes parameters, so the agent cannot call it at boot; add initcall.a.deferred=true"));
    assertTrue(problem("initcall.a.method=entry.Storage#mount()\ninitcall.a.class=lazy.Catalog")
        .contains(":2: initcall.a.class: initcall 'a' names both a method (line 1)"));
  }

  @Test
  void problemsAreListedInLineOrder() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("""
        initcall.a.class=lazy.Nope
        initcall.b.class=lazy.Catalog
        initcall.b.levle=fs
        """));
    assertEquals(List.of(1, 3), e.problems().stream().map(ConfigProblem::line).toList(),
        e.getMessage());
  }

  @Test
  void targetsAreCheckedAgainstTheirClassFiles() {
    assertTrue(problem("initcall.a.class=lazy.Nope").contains(
        ":1: initcall.a.class: class lazy.Nope is not on the class path"));
    assertTrue(problem("initcall.a.method=entry.Usb#connect(String, int)\n"
        + "initcall.a.deferred=true").contains("entry.Usb has no method connect(String, int); it"
            + " has connect(java.lang.String, int)"));
    assertTrue(problem("initcall.a.method=entry.Usb#conect(java.lang.String, int)\n"
        + "initcall.a.deferred=true").endsWith("entry.Usb has no method"
            + " conect(java.lang.String, int); did you mean connect(java.lang.String, int)?"));
    assertTrue(problem("initcall.a.method=entry.Usb#disconnectAll()\n"
        + "initcall.a.deferred=true").endsWith("entry.Usb has no method disconnectAll()"));
    assertTrue(problem("initcall.a.method=entry.Gallery#count()\ninitcall.a.deferred=true")
        .contains("entry.Gallery#count() returns a value; initcall methods must return void"));
    assertTrue(problem("initcall.a.method=entry.Usb#reset()").contains(
        "is an instance method, so the agent cannot call it at boot"));
    assertTrue(problem("initcall.a.class=entry.Storage").contains(
        "entry.Storage has no static initializer"));
    assertTrue(problem("initcall.a.class=java.lang.String").contains("is a JDK class"));
  }

  @Test
  void deferringAnInterfaceIsRefusedWithTheReason() {
    assertTrue(deferral("lazy.Unsafe$Settings").contains("it is an interface"));
  }

  @Test
  void classesWhoseStaticFieldsOthersReachAreAcceptedWithTheirAccessesGuarded() {
    InitcallConfig config = parse("""
        initcall.leaky.class = lazy.Unsafe$Leaky
        initcall.leaky.deferred = true
        initcall.mode.class = lazy.Unsafe$Mode
        initcall.mode.deferred = true
        initcall.outer.class = lazy.Unsafe$Outer
        initcall.outer.deferred = true
        initcall.catalog.class = lazy.Catalog
        initcall.catalog.deferred = true
        """);

    // a public field, enum constants, a private field of a class with nest mates: guarded;
    // Catalog's static fields are private and it has no nest mates: nothing to guard
    assertEquals(List.of("leaky [count]", "mode [ON, OFF, $VALUES]", "outer [SECRET]",
        "catalog []"), config.entries().stream()
            .map(e -> e.spec().name() + " " + e.sharedStaticFields()).toList());
  }

  @Test
  void parkedParametersMustBeKnownToBeImmutableOrArraysOfSuch() {
    // primitives, String, a box, java.time, an enum, a record of ints, arrays, a JDK value class
    parse("""
        initcall.a.method = lifecycle.Sink#values(int, java.lang.String, java.lang.Integer, \
            java.time.Instant, lifecycle.Sink$Color, lifecycle.Sink$Point, java.lang.String[], \
            long[][], java.util.UUID)
        initcall.a.deferred = true
        initcall.b.method = lifecycle.Sink#write(byte[])
        initcall.b.deferred = true
        """);

    assertEquals("app.properties:1: initcall.a.method: parameter 1 of"
        + " lifecycle.Sink#note(java.lang.StringBuilder) is a java.lang.StringBuilder, which is"
        + " not known to be immutable: a parked call keeps its arguments until the flush, so what"
        + " the caller changes after the call would be replayed instead of what it passed. Pass"
        + " immutable values (primitives, String, the boxes, enums, java.time values, records of"
        + " those; arrays of them are copied), or add initcall.a.replayByReference=true if"
        + " replaying the object as it is at the flush is intended",
        parked("lifecycle.Sink#note(java.lang.StringBuilder)"));
    assertTrue(parked("lifecycle.Sink#labeled(lifecycle.Sink$Labeled)").contains("parameter 1"
        + " of lifecycle.Sink#labeled(lifecycle.Sink$Labeled) is a lifecycle.Sink$Labeled, which"
        + " is a record whose component 'tags' is a java.util.List, which is not known to be"
        + " immutable:"));
    assertTrue(parked("lifecycle.Sink#objects(java.lang.Object[])").contains("is a"
        + " java.lang.Object array (java.lang.Object[]), which is not known to be immutable:"));
    assertTrue(parked("lifecycle.Sink#holder(lifecycle.Sink$Holder)").contains("is a"
        + " lifecycle.Sink$Holder, which is not known to be immutable:"));
  }

  @Test
  void replayByReferenceAdmitsAnyParameterButOnlyOnADeferredMethod() {
    InitcallConfig config = parse("""
        initcall.a.method = lifecycle.Sink#note(java.lang.StringBuilder)
        initcall.a.deferred = true
        initcall.a.replayByReference = true
        """);
    assertTrue(config.entries().get(0).replayByReference());

    assertEquals("app.properties:2: initcall.a.replayByReference: replayByReference is about the"
        + " calls a deferred entry point parks; it needs initcall.a.method=... and"
        + " initcall.a.deferred=true, or remove it",
        problem("initcall.a.class=lazy.Catalog\ninitcall.a.replayByReference=true"));
    assertTrue(problem("initcall.a.method=entry.Storage#mount()\n"
        + "initcall.a.replayByReference=true").contains("it needs"));
  }

  /** The one problem of a deferred entry point for this method. */
  private static String parked(String method) {
    return problem("initcall.a.method=" + method + "\ninitcall.a.deferred=true");
  }

  /**
   * Which targets' rewrites must keep the serialVersionUID: Serializable directly, through a
   * superclass's interface's superinterface (read from class files, the JDK's included), and
   * only where the rewrite changes the default (a deferral; a hooked synchronized method).
   */
  @Test
  void serializableTargetsWhoseRewriteChangesTheDefaultSerialVersionUidAreMarked() {
    InitcallConfig config = parse("""
        initcall.account.class = serial.Account
        initcall.account.deferred = true
        initcall.deposit.method = serial.Account#deposit(long)
        initcall.deposit.deferred = true
        initcall.savings.class = serial.Savings
        initcall.savings.deferred = true
        initcall.plain.class = serial.Plain
        initcall.plain.deferred = true
        initcall.catalog.class = lazy.Catalog
        initcall.catalog.deferred = true
        """);
    Map<String, Boolean> marked = new TreeMap<>();
    for (ConfigEntry entry : config.entries()) {
      marked.put(entry.spec().name(), entry.serializable());
    }
    assertEquals(Map.of("account", true, "deposit", true, "savings", true, "plain", false,
        "catalog", false), marked);
  }

  @Test
  void aSerializableClassWhoseSerialFormCannotBeKeptIsNotDeferred() {
    assertTrue(deferral("serial.Refused$ComputedUid").endsWith("it is Serializable and its"
        + " static initializer sets serialVersionUID, which serialization reads before a deferred"
        + " initializer has run; make it a constant: private static final long serialVersionUID"
        + " = <value>L"));
    assertTrue(deferral("serial.Refused$PersistentFields").contains("it is Serializable and its"
        + " static initializer sets serialPersistentFields"));
    assertTrue(deferral("serial.Refused$OddUid").contains("it is Serializable and has a field"
        + " named serialVersionUID that serialization ignores"));
  }

  private static String deferral(String className) {
    String message = problem("initcall.a.class=" + className + "\ninitcall.a.deferred=true");
    assertTrue(message.startsWith("app.properties:2: initcall.a.deferred: cannot defer the static"
        + " initializer of " + className + ": "), message);
    return message;
  }

  @Test
  void lenientReportsBadEntriesAndKeepsTheGoodOnes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InitcallConfig config = InitcallConfig.parse("""
        initcall.good.class = lazy.Catalog
        initcall.bad.class = lazy.Catalog
        initcall.bad.levle = fs
        garbage
        """, "app.properties", true, apps, new PrintStream(out, true, StandardCharsets.UTF_8));

    assertEquals(List.of("good"), config.specs().stream().map(InitcallSpec::name).toList());
    String warnings = out.toString(StandardCharsets.UTF_8);
    assertTrue(warnings.contains("app.properties:3: initcall.bad.levle: unknown attribute"),
        warnings);
    assertTrue(warnings.contains("app.properties:4: expected 'key=value'"), warnings);
  }
}
