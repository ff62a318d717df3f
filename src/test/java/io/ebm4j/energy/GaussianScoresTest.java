package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The Gaussian's score-matching objectives and tempered forms, against their definitions. */
class GaussianScoresTest {
  private static final INDArray X = ScoreChecks.normals(6, 2, 1.5, 1);

  @Test
  void everyScoreObjectiveAndItsGradientMatchCentralDifferences() {
    Gaussian g = Energies.gaussian(new double[] {0.5, -1}, new double[] {0.8, 1.7});
    assertTrue(g instanceof ScoreMatchable && g instanceof SlicedScoreMatchable
        && g instanceof DenoisingScoreMatchable);
    ScoreChecks.checkCapabilities(g, X, 1, 1e-5);
  }

  @Test
  void temperedNormalizerMatchesQuadratureOfExpMinusBetaU() {
    Gaussian g = Energies.gaussian(new double[] {0.7}, new double[] {1.3});
    for (double beta : new double[] {0.2, 1.0, 3.5}) {
      double h = 1e-3;
      double s = 0;
      for (int k = -60_000; k <= 60_000; k++) {
        double x = 0.7 + k * h;
        s += Math.exp(-beta * (x - 0.7) * (x - 0.7) / (2 * 1.3 * 1.3)) * h;
      }
      assertEquals(Math.log(s), g.logZ(beta), 1e-9, "log Z at beta " + beta);
    }
    assertEquals(g.logZ(), g.logZ(1.0), 1e-15);
  }

  @Test
  void temperedDrawsHaveVarianceSigmaSquaredOverBeta() {
    Gaussian g = Energies.gaussian(new double[] {2, -1}, new double[] {1.0, 0.5});
    double beta = 4;
    int n = 100_000;
    double[] x = Batches.toArray(g.sample(beta, n, new Rng(8)));
    double[] sd = {0.5, 0.25};
    double[] mu = {2, -1};
    for (int j = 0; j < 2; j++) {
      double m = 0;
      double v = 0;
      for (int i = 0; i < n; i++) {
        m += x[2 * i + j] / n;
      }
      for (int i = 0; i < n; i++) {
        v += (x[2 * i + j] - m) * (x[2 * i + j] - m) / n;
      }
      // 4 standard errors: sd/sqrt(n) for the mean, sd^2 sqrt(2/n) for the variance
      assertEquals(mu[j], m, 4 * sd[j] / Math.sqrt(n), "mean " + j);
      assertEquals(sd[j] * sd[j], v, 4 * sd[j] * sd[j] * Math.sqrt(2.0 / n), "variance " + j);
    }
  }

  @Test
  void betaMustBePositive() {
    Gaussian g = Energies.standardNormal(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.logZ(-1));
    assertTrue(e.getMessage().contains("beta") && e.getMessage().contains("-1"), e.getMessage());
  }
}
