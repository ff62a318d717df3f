package io.ebm4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.GaussianMixture;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;

/** Importance-sampling log Z against exact values. */
class ImportanceSamplingTest {
  @Test
  void logZOfAMixtureFromAWideGaussianMatchesTheExactValueWithinItsError() {
    GaussianMixture target = Energies.mixture(new double[][] {{-2, 1}, {2, -1}}, new double[] {0.3, 0.7});
    var est = ImportanceSampling.logZ(target, Energies.gaussian(new double[] {0, 0}, new double[] {3, 3}), 200_000,
        new Rng(4));
    assertTrue(Math.abs(est.logZ() - target.logZ()) < 4.5 * est.stdError() + 1e-3,
        "log Z " + est.logZ() + " +- " + est.stdError() + " vs exact " + target.logZ());
    assertTrue(est.stdError() < 0.01, "standard error " + est.stdError());
    assertTrue(est.essFraction() > 0.1 && est.essFraction() <= 1, "ESS/N " + est.essFraction());
  }

  @Test
  void aProposalEqualToTheTargetIsExact() {
    var g = Energies.gaussian(new double[] {1}, new double[] {2});
    var est = ImportanceSampling.logZ(g, g, 100, new Rng(1));
    assertEquals(g.logZ(), est.logZ(), 1e-12);
    assertEquals(1.0, est.essFraction(), 1e-12);
  }

  @Test
  void badInputIsNamed() {
    var g = Energies.standardNormal(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImportanceSampling.logZ(Energies.standardNormal(1), g, 100, new Rng(1)));
    assertTrue(e.getMessage().contains("dimension") && e.getMessage().contains("2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ImportanceSampling.logZ(g, g, 1, new Rng(1)));
  }
}
