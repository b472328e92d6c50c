package org.initcall4j.agent.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NameIndexTest {

  @Test
  void namesWithTheSameHashCodeKeepTheirOwnIds() {
    // "Aa" and "BB" hash alike, and so does every string made of them
    String[] names = {"AaAa", "AaBB", "BBAa", "BBBB", "usb"};
    assertEquals(names[0].hashCode(), names[3].hashCode());
    NameIndex index = new NameIndex(names);
    for (int id = 0; id < names.length; id++) {
      assertEquals(-1, index.add(id));
    }
    for (int id = 0; id < names.length; id++) {
      assertEquals(id, index.find(new String(names[id].toCharArray())), names[id]);
    }
    assertEquals(-1, index.find("AaAaAa"));
    assertEquals(-1, index.find("BBBb"));
  }

  @Test
  void aSecondDeclarationOfANameAnswersTheFirstId() {
    String[] names = {"storage", "usb", "usb"};
    NameIndex index = new NameIndex(names);
    assertEquals(-1, index.add(0));
    assertEquals(-1, index.add(1));
    assertEquals(1, index.add(2));
    assertEquals(1, index.find("usb"));
  }

  @Test
  void sequentialNamesAllFound() {
    // n0, n1, ...: hashes in runs, the pattern that clusters in a table indexed by a mask alone
    String[] names = new String[50_000];
    for (int i = 0; i < names.length; i++) {
      names[i] = "n" + i;
    }
    NameIndex index = new NameIndex(names);
    for (int id = 0; id < names.length; id++) {
      assertEquals(-1, index.add(id));
    }
    for (int id = 0; id < names.length; id++) {
      assertEquals(id, index.find("n" + id));
    }
    assertEquals(-1, index.find("n" + names.length));
  }
}
