package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.estimate.GridDensity;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class IsotropicMixtureTest {
  private static final double[] W = {0.1, 0.2, 0.3, 0.4};

  @Test
  void gradientMatchesCentralFiniteDifferences() {
    IsotropicMixture m = IsotropicMixture.of(new double[][] {{-1, 0.5, 2}, {1, -1, 0}, {0, 2, -2}},
        new double[] {1, 2, 3}, new double[] {0.7, 1.0, 1.6});
    INDArray x = m.sample(20, new Rng(3)).muli(0.8);
    INDArray g = m.gradX(x);
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(FiniteDifferences.gradX(m, x, i, j, 1e-5), g.getDouble(i, j), 1e-6, "d U / d x[" + i + ","
            + j + "]");
      }
    }
  }

  @Test
  void logZIsZeroByGridIntegrationAndModeMassesAreTheWeights() {
    IsotropicMixture m = IsotropicMixture.of(new double[][] {{-3, -3}, {-3, 3}, {3, -3}, {3, 3}}, W,
        new double[] {0.5, 0.8, 0.5, 1.0});
    GridDensity g = GridDensity.of(m, new double[] {-9, -9}, new double[] {9, 9}, 361);
    assertEquals(0.0, g.logZ(), 1e-6);
    double[] mass = g.masses(m::nearest, 4);
    for (int c = 0; c < 4; c++) {
      assertEquals(W[c], mass[c], 2e-3, "mass of mode " + c);
    }
  }

  @Test
  void exactDrawsHaveTheMixtureMomentsAndShares() {
    IsotropicMixture m = IsotropicMixture.square(3, 0.5, W);
    int n = 200_000;
    INDArray x = m.sample(n, new Rng(5));
    double[] s = m.shares(x);
    for (int c = 0; c < 4; c++) {
      assertEquals(W[c], s[c], 4e-3, "share of mode " + c);
    }
    // E[x1] = 3 (w2 + w3 - w0 - w1) = 1.2, E[x2] = 3 (w1 + w3 - w0 - w2) = 0.6, Var[x1] = 0.25 + 9 - 1.44
    double[] mean = Batches.toArray(x.mean(0));
    assertEquals(1.2, mean[0], 0.02);
    assertEquals(0.6, mean[1], 0.02);
    double var0 = x.getColumn(0).var(false).getDouble(0);
    assertEquals(0.25 + 9 - 1.44, var0, 0.05);
  }

  @Test
  void halfBlockModesAreTwoCRootHalfDApart() {
    IsotropicMixture m = IsotropicMixture.halfBlocks(8, 1.5, W);
    double[][] mu = m.means();
    double s = 0;
    for (int j = 0; j < 8; j++) {
      s += (mu[0][j] - mu[1][j]) * (mu[0][j] - mu[1][j]);
    }
    assertEquals(2 * 1.5 * Math.sqrt(4), Math.sqrt(s), 1e-12);
    INDArray one = m.sampleComponent(0, 5000, new Rng(9));
    // half the distance to a neighbour is 3 sds along the line between them: P(crossing) = 2 * 0.00135
    assertEquals(1 - 2 * 0.00135, m.shares(one)[0], 0.0015);
    assertEquals(-1.5, one.mean(0).getDouble(7), 0.05);
  }

  @Test
  void badInputNamesTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IsotropicMixture.square(3, -0.5, W));
    assertTrue(e.getMessage().contains("sd") && e.getMessage().contains("-0.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IsotropicMixture.halfBlocks(7, 1, W));
    assertTrue(e.getMessage().contains("d must be even"), e.getMessage());
  }
}
