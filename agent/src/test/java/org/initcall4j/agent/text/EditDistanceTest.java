package org.initcall4j.agent.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

  @Test
  void aShortNameIsNotCorrectedIntoAnUnrelatedOne() {
    assertNull(EditDistance.closest("net", List.of("web", "usb")), "two edits of three letters");
    assertNull(EditDistance.closest("usb", List.of("gps")));
    assertNull(EditDistance.closest("ab", List.of("xy", "cd")));
  }

  @Test
  void oneEditPerThreeCharactersIsAHint() {
    assertEquals("net", EditDistance.closest("nett", List.of("web", "net")));
    assertEquals("usb", EditDistance.closest("usv", List.of("crypto", "usb")));
    assertEquals("storage", EditDistance.closest("storgae", List.of("sensor", "storage")));
    assertEquals("storage", EditDistance.closest("storag", List.of("storage")));
  }

  @Test
  void neverMoreThanTwoEditsHoweverLongTheName() {
    assertNull(EditDistance.closest("thumbnailsxyz", List.of("thumbnails")));
    assertEquals("thumbnails", EditDistance.closest("thumbnailz", List.of("thumbnails")));
  }

  @Test
  void theNearestWinsAndTheFirstOfTies() {
    assertEquals("gallery", EditDistance.closest("galery", List.of("gallerys", "gallery")));
    assertEquals("usb1", EditDistance.closest("usb", List.of("usb1", "usb2")));
  }
}
