package io.ebm4j.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** One colour, dash and marker per method, from the Okabe-Ito palette, and markers that do not coincide. */
class PaletteTest {
  private static final List<String> METHODS = List.of("score-matching", "exact", "cd", "pcd", "jarzynski", "control");

  @Test
  void theSixMethodsHaveSixOkabeItoColoursDashesAndMarkersAndNoYellow() {
    Set<Color> okabeIto = Set.of(Palette.BLACK, Palette.ORANGE, Palette.SKY_BLUE, Palette.BLUISH_GREEN, Palette.BLUE,
        Palette.VERMILLION, Palette.REDDISH_PURPLE);
    Set<Color> colours = new HashSet<>();
    Set<String> dashes = new HashSet<>();
    Set<Object> markers = new HashSet<>();
    for (String m : METHODS) {
      Palette.Style s = Palette.of(m);
      assertTrue(okabeIto.contains(s.color()), m + ": " + s);
      assertTrue(Palette.isKnown(m));
      colours.add(s.color());
      dashes.add(java.util.Arrays.toString(s.dash()));
      markers.add(s.marker());
    }
    assertEquals(6, colours.size());
    assertEquals(6, dashes.size());
    assertEquals(6, markers.size());
    assertEquals(new Color(0x0072B2), Palette.of("jarzynski").color());
    assertEquals(new Color(0xD55E00), Palette.of("pcd").color());
    for (int k = 0; k < 20; k++) {
      assertNotEquals(new Color(0xF0E442), Palette.of(k).color(), "Okabe-Ito yellow is not used on white");
    }
  }

  @Test
  void unknownLabelsGetTheSameFallbackEveryTime() {
    assertFalse(Palette.isKnown("langevin"));
    assertEquals(Palette.of("langevin"), Palette.of("langevin"));
    assertEquals(Palette.of("langevin"), Palette.of(Math.floorMod("langevin".hashCode(), 7)));
    assertEquals(Palette.of("pcd"), Palette.of("PCD"));
  }

  @Test
  void aVariantKeepsTheColourAndChangesDashAndMarker() {
    Palette.Style j = Palette.of("jarzynski");
    Palette.Style v = j.variant(3);
    assertEquals(j.color(), v.color());
    assertNotEquals(java.util.Arrays.toString(j.dash()), java.util.Arrays.toString(v.dash()));
    assertNotEquals(j.marker(), v.marker());
    assertEquals(j, j.variant(0));
  }

  @Test
  void coincidingCurvesKeepTheirMarkersOnDifferentPoints() {
    int n = 301;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = i;
      ys[i] = 0.5;
    }
    XYChart c = Plots.chart("t", "step", "q");
    Set<Integer> taken = new HashSet<>();
    for (String m : List.of("exact", "jarzynski", "cd", "score-matching")) {
      XYSeries s = Plots.styled(c, m, Palette.of(m), xs, ys);
      assertEquals(Palette.of(m).color(), s.getLineColor());
      int marks = 0;
      double[] y = s.getYData();
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(y[i])) {
          marks++;
          assertTrue(taken.add(i), m + " puts a marker on point " + i + " where another method has one");
        }
      }
      assertTrue(marks >= 10 && marks <= 11, m + ": " + marks + " markers");
    }
  }
}
