package io.ebm4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.GaussianMixture;
import org.junit.jupiter.api.Test;

class GridDensityTest {
  private final GaussianMixture m = Energies.mixture(new double[][] {{-3, 0}, {3, 1}}, new double[] {0.2, 0.8});

  @Test
  void logZAndModeMassesAreExactOnAFineGrid() {
    GridDensity g = GridDensity.of(m, new double[] {-10, -9}, new double[] {10, 10}, 301);
    assertEquals(m.logZ(), g.logZ(), 1e-6);
    double[] masses = g.masses(x -> x[0] < 0 ? 0 : 1, 2);
    assertEquals(0.2, masses[0], 1e-3);
    assertEquals(0.8, masses[1], 1e-3);
  }

  @Test
  void klIsZeroForTheSameDensityAndMatchesTheWeightsKlForSeparatedModes() {
    GaussianMixture other = Energies.mixture(new double[][] {{-3, 0}, {3, 1}}, new double[] {0.5, 0.5});
    GridDensity g = GridDensity.of(m, new double[] {-10, -9}, new double[] {10, 10}, 301);
    GridDensity h = GridDensity.of(other, new double[] {-10, -9}, new double[] {10, 10}, 301);
    assertEquals(0.0, g.kl(g), 1e-12);
    double klWeights = 0.2 * Math.log(0.2 / 0.5) + 0.8 * Math.log(0.8 / 0.5);
    assertEquals(klWeights, g.kl(h), 2e-3);
  }

  @Test
  void onlyLowDimensionsAndProperBoxes() {
    assertThrows(IllegalArgumentException.class,
        () -> GridDensity.of(Energies.standardNormal(3), new double[3], new double[] {1, 1, 1}, 10));
    assertThrows(IllegalArgumentException.class,
        () -> GridDensity.of(m, new double[] {1, 1}, new double[] {1, 2}, 10));
  }
}
