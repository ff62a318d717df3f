package io.ebm4j.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.estimate.GridDensity;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Energy landscapes: densities per unit area, round ticks, panels side by side, walkers kept in the frame. */
class LandscapeTest {
  private static final GridDensity G = GridDensity.of(Energies.gaussian(new double[] {0, 0}, new double[] {1, 1}),
      new double[] {-5, -5}, new double[] {5, 5}, 101);

  @Test
  void densitiesArePerUnitAreaAndMatchTheExactPeak() {
    double[] d = Landscape.densities(G);
    double sum = 0;
    for (double v : d) {
      sum += v * 0.01;
    }
    assertEquals(1.0, sum, 1e-12, "densities times the cell area sum to one");
    assertEquals(1 / (2 * Math.PI), d[50 * 101 + 50], 1e-4, "peak of the standard normal in 2-D");
  }

  @Test
  void ticksAreRoundAndIncludeZero() {
    assertEquals(List.of(-5.0, 0.0, 5.0), Landscape.ticks(-9.1, 9.1));
    assertEquals(List.of(0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12), Landscape.ticks(0, 0.1234).stream()
        .map(v -> Math.round(v * 1e12) / 1e12).toList());
  }

  @Test
  void panelsSitSideBySideAndWalkersOutsideTheFrameAreNotDrawn() {
    // one walker far outside the box: nothing vermillion may appear outside the panels
    double[] walkers = {0, 0, 40, 40, -40, 3};
    Figure f = Landscape.panels("two panels", List.of(new Landscape.Panel(G, "a", null, null),
        new Landscape.Panel(G, "b", walkers, new double[] {1, 1, 1})));
    Figure one = Landscape.figure(G, "one", null, null);
    assertEquals(360 + 70, f.width() - one.width(), "a second panel adds its width and a gap");
    BufferedImage img = f.image();
    int vermillion = 0;
    int outside = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y) & 0xFFFFFF;
        boolean walkerColour = Math.abs(((rgb >> 16) & 255) - 0xD5) < 12 && Math.abs(((rgb >> 8) & 255) - 0x5E) < 12
            && (rgb & 255) < 20;
        if (walkerColour) {
          vermillion++;
          boolean inPanel = x >= 62 + 360 + 70 && x < 62 + 2 * 360 + 70 && y >= 74 && y < 74 + 360;
          outside += inPanel ? 0 : 1;
        }
      }
    }
    assertTrue(vermillion > 0, "the walker inside is drawn");
    assertEquals(0, outside, "pixels of walkers outside the frame");
    assertThrows(IllegalArgumentException.class, () -> Landscape.panels("none", List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Landscape.Panel(G, "w", walkers, new double[] {1}));
    assertEquals("weights must have one value per walker (3), got 1", e.getMessage());
  }
}
