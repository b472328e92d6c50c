package org.initcall4j.agent.graph;

import static org.initcall4j.agent.graph.Specs.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.junit.jupiter.api.Test;

class InitcallGraphTest {

  private static List<String> order(Specs... specs) {
    List<InitcallSpec> list = new ArrayList<>();
    for (Specs spec : specs) {
      list.add(spec.build());
    }
    return names(InitcallGraph.plan(list));
  }

  private static List<String> names(BootPlan plan) {
    return plan.order().stream().map(InitcallSpec::name).toList();
  }

  private static String problems(Specs... specs) {
    List<InitcallSpec> list = new ArrayList<>();
    for (Specs spec : specs) {
      list.add(spec.build());
    }
    return assertThrows(InitcallGraphException.class, () -> InitcallGraph.plan(list)).getMessage();
  }

  @Test
  void levelsRunInKernelOrder() {
    assertEquals(List.of("e", "c", "f", "d", "l"), order(
        spec("l").level(InitLevel.LATE), spec("d"), spec("f").level(InitLevel.FS),
        spec("c").level(InitLevel.CORE), spec("e").level(InitLevel.EARLY)));
  }

  @Test
  void tiesAreBrokenByNameWhateverTheDeclarationOrder() {
    List<InitcallSpec> specs = new ArrayList<>();
    for (String name : List.of("delta", "alpha", "charlie", "bravo", "echo")) {
      specs.add(spec(name).build());
    }
    List<String> expected = List.of("alpha", "bravo", "charlie", "delta", "echo");
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(specs, random);
      assertEquals(expected, names(InitcallGraph.plan(specs)));
    }
  }

  @Test
  void afterAndBeforeOverrideTheNameOrderWithinALevel() {
    assertEquals(List.of("b", "c", "a"), order(spec("a").after("c"), spec("b"), spec("c")));
    assertEquals(List.of("z", "a"), order(spec("a"), spec("z").before("a")));
  }

  @Test
  void aReadyInitcallOfAnEarlierLevelAlwaysGoesFirst() {
    // "x" waits for "a" at the same level; "b" is at an earlier level and must not wait behind them
    assertEquals(List.of("b", "a", "x"), order(spec("x").after("a"), spec("a"),
        spec("b").level(InitLevel.CORE)));
  }

  @Test
  void partsRunAfterTheirSubsystemAndDependentsWaitForEveryPart() {
    List<String> order = order(spec("usb").level(InitLevel.SUBSYS), spec("camera").after("usb"),
        spec("usb-storage").partOf("usb"), spec("usb-serial").partOf("usb"),
        spec("a-first"));
    assertEquals(List.of("usb", "a-first", "usb-serial", "usb-storage", "camera"), order);
  }

  @Test
  void nestedPartsCountForTheTopSubsystem() {
    List<String> order = order(spec("bus"), spec("hub").partOf("bus"), spec("port").partOf("hub"),
        spec("app").after("bus"));
    assertEquals(List.of("bus", "hub", "port", "app"), order);
  }

  @Test
  void aPartMayAlsoSayItRunsAfterItsOwnSubsystem() {
    assertEquals(List.of("usb", "storage"), order(spec("usb"), spec("storage").partOf("usb")
        .after("usb")));
  }

  @Test
  void prerequisitesAreThePositionsOfDirectDependencies() {
    BootPlan plan = InitcallGraph.plan(List.of(spec("a").build(), spec("b").after("a").build(),
        spec("c").after("a", "b").build()));
    assertArrayEquals(new int[] {}, plan.prerequisites(0));
    assertArrayEquals(new int[] {0}, plan.prerequisites(1));
    assertArrayEquals(new int[] {0, 1}, plan.prerequisites(2));
    assertEquals(2, plan.positionOf("c"));
    assertEquals(-1, plan.positionOf("nope"));
  }

  @Test
  void cycleIsPrintedWholeWithWhereEachEdgeWasDeclared() {
    String message = problems(spec("a").after("b").before("c"), spec("b").after("c"),
        spec("c"), spec("d"));
    assertTrue(message.contains("dependency cycle: a -> b -> c -> a"), message);
    assertTrue(message.contains("a waits for b: a after b, declared at app.a.init()"), message);
    assertTrue(message.contains("b waits for c: b after c, declared at app.b.init()"), message);
    assertTrue(message.contains("c waits for a: a before c, declared at app.a.init()"), message);
  }

  @Test
  void cycleThroughPartOfIsFound() {
    String message = problems(spec("a").partOf("b"), spec("b").partOf("a"));
    assertTrue(message.contains("dependency cycle: "), message);
    assertTrue(message.contains("is part of"), message);
  }

  @Test
  void unknownNameNamesTheInitcallThatAskedAndSuggestsACloseName() {
    String message = problems(spec("storage"), spec("usb").after("storag"));
    assertTrue(message.contains("'usb' runs after 'storag', which is not an initcall or a group"
        + " (declared at app.usb.init()); did you mean 'storage'?"), message);
  }

  @Test
  void unknownNameWithoutACloseOneAsksToDeclareIt() {
    String message = problems(spec("usb").before("zzzzzzzz"));
    assertTrue(message.contains("'usb' runs before 'zzzzzzzz', which is not an initcall"), message);
    assertTrue(message.contains("declare it, or fix the name"), message);
  }

  @Test
  void misspeltSubsystemIsAnError() {
    String message = problems(spec("port").partOf("hubb"), spec("hub"));
    assertTrue(message.contains("'port' is part of 'hubb' (declared at app.port.init()), which"
        + " no initcall is named"), message);
    assertTrue(message.contains("did you mean 'hub'?"), message);
  }

  @Test
  void externalNamesAreNotReportedAsUnknown() {
    BootPlan plan = InitcallGraph.plan(List.of(spec("usb").after("storage").build()),
        Set.of("storage"));
    assertEquals(List.of("usb"), names(plan));
  }

  @Test
  void duplicateNamesNameBothDeclarations() {
    InitcallSpec first = spec("usb").build();
    InitcallSpec second = new InitcallSpec("usb", InitLevel.CORE, "other.Usb", "start", List.of(),
        List.of(), null, false, false, "other.Usb.start() in file:/other.jar");
    String message = assertThrows(InitcallGraphException.class,
        () -> InitcallGraph.plan(List.of(first, second))).getMessage();
    assertTrue(message.contains("duplicate initcall name 'usb': declared at app.usb.init() and at"
        + " other.Usb.start() in file:/other.jar"), message);
  }

  @Test
  void afterThatContradictsLevelsIsAnError() {
    String message = problems(spec("clock").level(InitLevel.CORE).after("usb"), spec("usb"));
    assertTrue(message.contains("'clock' (level core) must wait for 'usb' (level device), but level"
        + " core runs first: clock after usb, declared at app.clock.init()"), message);
  }

  @Test
  void partAtALaterLevelThanADependentOfItsSubsystemIsAnError() {
    String message = problems(spec("usb").level(InitLevel.SUBSYS),
        spec("storage").level(InitLevel.FS).after("usb"), spec("serial").partOf("usb"));
    assertTrue(message.contains("'storage' (level fs) must wait for 'serial' (level device)"),
        message);
    assertTrue(message.contains("(serial is part of usb)"), message);
  }

  @Test
  void bootInitcallWaitingForADeferredOneIsAnError() {
    String message = problems(spec("usb").deferred(), spec("gallery").after("usb"));
    assertTrue(message.contains("'gallery' runs at boot but must wait for 'usb', which is deferred"),
        message);
    assertTrue(message.contains("defer 'gallery' too, or do not defer 'usb'"), message);
  }

  @Test
  void deferredInitcallMayWaitForABootOne() {
    assertEquals(List.of("storage", "usb"), order(spec("usb").deferred().after("storage"),
        spec("storage")));
  }

  @Test
  void selfDependencyIsAnError() {
    assertTrue(problems(spec("a").after("a")).contains("'a' depends on itself"));
    assertTrue(problems(spec("a").partOf("a")).contains("'a' is declared part of itself"));
  }

  @Test
  void everyProblemIsReportedNotJustTheFirst() {
    InitcallGraphException e = assertThrows(InitcallGraphException.class, () ->
        InitcallGraph.plan(List.of(spec("a").after("x").build(), spec("b").before("y").build())));
    assertEquals(2, e.problems().size());
    assertEquals(List.of("a", "b"), e.problems().stream().map(GraphProblem::subject).toList());
  }

  @Test
  void largeGraphIsOrderedWithEveryEdgeRespected() {
    int n = 20_000;
    Random random = new Random(3);
    List<InitcallSpec> specs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> after = new ArrayList<>();
      for (int e = 0; e < 3 && i > 0; e++) {
        after.add("n" + random.nextInt(i));
      }
      specs.add(new InitcallSpec("n" + i, InitLevel.DEVICE, "C", "m", after, List.of(), null,
          false, false, "generated"));
    }
    Collections.shuffle(specs, random);
    BootPlan plan = InitcallGraph.plan(specs);
    assertEquals(n, plan.size());
    for (int position = 0; position < n; position++) {
      InitcallSpec spec = plan.order().get(position);
      for (String need : spec.after()) {
        assertTrue(plan.positionOf(need) < position, spec.name() + " before " + need);
      }
    }
  }
}
