package org.initcall4j.agent.graph;

import java.util.List;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;

/** Terse spec builder for graph tests. */
final class Specs {
  private String name;
  private InitLevel level = InitLevel.DEVICE;
  private List<String> after = List.of();
  private List<String> before = List.of();
  private String partOf;
  private boolean deferred;

  static Specs spec(String name) {
    Specs specs = new Specs();
    specs.name = name;
    return specs;
  }

  Specs level(InitLevel value) {
    level = value;
    return this;
  }

  Specs after(String... names) {
    after = List.of(names);
    return this;
  }

  Specs before(String... names) {
    before = List.of(names);
    return this;
  }

  Specs partOf(String value) {
    partOf = value;
    return this;
  }

  Specs deferred() {
    deferred = true;
    return this;
  }

  InitcallSpec build() {
    return new InitcallSpec(name, level, "app." + name, "init", after, before, partOf, deferred,
        false, "app." + name + ".init()");
  }
}
