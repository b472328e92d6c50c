package org.initcall4j.agent.graph;

import static org.initcall4j.agent.graph.Specs.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.junit.jupiter.api.Test;

/** Groups: names in partOf that no initcall has. */
class GroupPlanTest {

  private static BootPlan plan(Specs... specs) {
    return InitcallGraph.plan(build(specs));
  }

  private static List<InitcallSpec> build(Specs... specs) {
    List<InitcallSpec> list = new ArrayList<>();
    for (Specs spec : specs) {
      list.add(spec.build());
    }
    return list;
  }

  private static List<String> names(BootPlan plan) {
    return plan.order().stream().map(InitcallSpec::name).toList();
  }

  private static String problems(Specs... specs) {
    List<InitcallSpec> list = build(specs);
    return assertThrows(InitcallGraphException.class, () -> InitcallGraph.plan(list)).getMessage();
  }

  private static int[] positions(BootPlan plan, String... names) {
    int[] out = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = plan.positionOf(names[i]);
    }
    return out;
  }

  @Test
  void aGroupStartsWhenWhatComesBeforeItIsDoneAndIsDoneWhenAllItsPartsAre() {
    BootPlan plan = plan(spec("app").after("net"), spec("wifi").partOf("net"),
        spec("storage").level(InitLevel.FS).before("net"), spec("eth").partOf("net"));

    assertEquals(List.of("storage", "eth", "wifi", "app"), names(plan), "no line for the group");
    assertEquals(-1, plan.positionOf("net"));
    assertArrayEquals(positions(plan, "storage"), plan.prerequisites(plan.positionOf("eth")));
    assertArrayEquals(positions(plan, "storage"), plan.prerequisites(plan.positionOf("wifi")));
    assertArrayEquals(positions(plan, "storage", "eth", "wifi"),
        plan.prerequisites(plan.positionOf("app")), "after the group: after every part");
    InitcallGroup net = plan.group("net");
    assertEquals(InitLevel.DEVICE, net.level());
    assertArrayEquals(positions(plan, "eth", "wifi"), net.parts());
    assertTrue(net.origin().contains("'wifi' is part of it, declared at app.wifi.init()"),
        net.origin());
    assertEquals(List.of(net), plan.groups());
  }

  @Test
  void aGroupOfSubsystemsHoldsTheirPartsAtAnyDepth() {
    BootPlan plan = plan(spec("net.core").partOf("net"), spec("net.phy").partOf("net.core"),
        spec("net.wifi").partOf("net.core"), spec("dns").partOf("net"), spec("app").after("net"));

    assertArrayEquals(positions(plan, "dns", "net.core", "net.phy", "net.wifi"),
        plan.group("net").parts());
    assertArrayEquals(positions(plan, "dns", "net.core", "net.phy", "net.wifi"),
        plan.prerequisites(plan.positionOf("app")));
    assertArrayEquals(positions(plan, "net.core"), plan.prerequisites(plan.positionOf("net.phy")));
    assertNull(plan.group("net.core"), "a subsystem with its own initcall is not a group");
  }

  @Test
  void aGroupAfterAGroupWaitsForEveryPartOfIt() {
    // every part of 'apps' follows every part of 'net': net's parts come before 'apps'
    BootPlan plan = plan(spec("mail").partOf("apps"), spec("web").partOf("apps"),
        spec("wifi").partOf("net").before("apps"), spec("eth").partOf("net").before("apps"),
        spec("ui").after("apps"));

    assertEquals(List.of("eth", "wifi", "mail", "web", "ui"), names(plan));
    assertArrayEquals(positions(plan, "eth", "wifi"),
        plan.prerequisites(plan.positionOf("mail")));
    assertArrayEquals(positions(plan, "eth", "wifi"), plan.prerequisites(plan.positionOf("web")));
    assertArrayEquals(positions(plan, "eth", "wifi", "mail", "web"),
        plan.prerequisites(plan.positionOf("ui")));
    assertEquals(List.of("apps", "net"), plan.groups().stream().map(InitcallGroup::name).toList());
  }

  @Test
  void aPartThatRunsAfterItsOwnGroupIsNotACycle() {
    BootPlan plan = plan(spec("wifi").partOf("net"), spec("eth").partOf("net").after("net"));
    assertEquals(List.of("eth", "wifi"), names(plan));
  }

  @Test
  void aCycleThroughAGroupIsPrintedWholeWithTheGroupInIt() {
    String message = problems(spec("wifi").partOf("net"), spec("dhcp").before("net")
        .after("wifi"), spec("eth").partOf("net"));

    assertTrue(message.contains("dependency cycle: "), message);
    String cycle = message.substring(message.indexOf("dependency cycle: "));
    cycle = cycle.substring(0, cycle.indexOf(" (each waits"));
    assertTrue(List.of("dependency cycle: dhcp -> wifi -> net -> dhcp",
        "dependency cycle: wifi -> net -> dhcp -> wifi",
        "dependency cycle: net -> dhcp -> wifi -> net").contains(cycle), cycle);
    assertTrue(message.contains("wifi waits for net: wifi is part of net, declared at"
        + " app.wifi.init()"), message);
    assertTrue(message.contains("net waits for dhcp: dhcp before net, declared at"
        + " app.dhcp.init()"), message);
    assertTrue(message.contains("dhcp waits for wifi: dhcp after wifi, declared at"
        + " app.dhcp.init()"), message);
  }

  @Test
  void aNameInPartOfThatAnInitcallHasIsThatSubsystemNotAGroup() {
    BootPlan plan = plan(spec("net"), spec("wifi").partOf("net"));
    assertEquals(List.of(), plan.groups());
    assertEquals(List.of("net", "wifi"), names(plan));
    assertArrayEquals(positions(plan, "net"), plan.prerequisites(plan.positionOf("wifi")));
  }

  @Test
  void aGroupOfOnePartNamedLikeAnInitcallIsTakenForATypo() {
    String message = problems(spec("port").partOf("hubb"), spec("hub"));
    assertTrue(message.contains("'port' is part of 'hubb' (declared at app.port.init()), which"
        + " no initcall is named: that makes 'hubb' a group of one part, and 'hub' is an"
        + " initcall; did you mean 'hub'?"), message);
    // two parts name it the same way: a group, whatever it is close to
    assertEquals(2, plan(spec("port").partOf("hubb"), spec("plug").partOf("hubb"), spec("hub"))
        .group("hubb").parts().length);
  }

  @Test
  void aGroupThatNothingJoinsIsAnUnknownName() {
    String message = problems(spec("app").after("net"));
    assertTrue(message.contains("'app' runs after 'net', which is not an initcall or a group"
        + " (declared at app.app.init()); declare it, or fix the name"), message);
    String misspelt = problems(spec("wifi").partOf("net"), spec("app").after("nett"));
    assertTrue(misspelt.contains("did you mean 'net'?"), misspelt);
  }

  @Test
  void aShortNameIsNotGivenAnUnlikelyHint() {
    String message = problems(spec("web"), spec("app").after("net"));
    assertTrue(message.contains("declare it, or fix the name"), message);
    assertTrue(!message.contains("did you mean"), message);
  }

  @Test
  void aPartOfANameDeclaredElsewhereJoinsNoGroup() {
    BootPlan plan = InitcallGraph.plan(build(spec("wifi").partOf("net")), Set.of("net"));
    assertEquals(List.of(), plan.groups());
    assertEquals(List.of("wifi"), names(plan));
  }

  @Test
  void aGroupSitsAtItsEarliestPartsLevelAndItsPartsKeepTheirOwn() {
    BootPlan plan = plan(spec("mount").level(InitLevel.FS).partOf("disk"),
        spec("scan").partOf("disk"), spec("probe").level(InitLevel.ARCH));
    assertEquals(InitLevel.FS, plan.group("disk").level());
    assertEquals(List.of("probe", "mount", "scan"), names(plan));

    String late = problems(spec("mount").level(InitLevel.FS).partOf("disk"),
        spec("scan").partOf("disk"), spec("clock").level(InitLevel.LATE).before("disk"));
    assertTrue(late.contains("group 'disk' (level fs) must wait for 'clock' (level late), but"
        + " level fs runs first: clock before disk, declared at app.clock.init(); move the parts"
        + " of group 'disk' to level late or later, or 'clock' earlier"), late);

    String early = problems(spec("mount").level(InitLevel.FS).partOf("disk"),
        spec("scan").partOf("disk"), spec("index").level(InitLevel.FS).after("disk"));
    assertTrue(early.contains("'index' (level fs) must wait for 'scan' (level device)"), early);
    assertTrue(early.contains("(scan is part of disk)"), early);
  }

  @Test
  void aGroupIsDeferredWhenAllItsPartsAreAndBootMayNotWaitForIt() {
    BootPlan plan = plan(spec("wifi").partOf("net").deferred(), spec("eth").partOf("net")
        .deferred(), spec("sync").after("net").deferred());
    assertEquals(List.of("eth", "wifi", "sync"), names(plan));

    String message = problems(spec("wifi").partOf("net").deferred(), spec("eth").partOf("net")
        .deferred(), spec("ui").after("net"));
    assertTrue(message.contains("'ui' runs at boot but must wait for group 'net', which is"
        + " deferred: ui after net, declared at app.ui.init(); defer 'ui' too, or do not defer"
        + " the parts of group 'net'"), message);
  }
}
