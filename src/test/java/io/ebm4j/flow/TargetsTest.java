package io.ebm4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The test targets themselves: analytic gradients, normalisation and exact samples. */
class TargetsTest {
  private static final Targets.FourModes MODES = new Targets.FourModes(3, 0.5, new double[] {0.1, 0.2, 0.3, 0.4});
  private static final Targets.CorrelatedGaussian GAUSS = new Targets.CorrelatedGaussian(new double[] {1, -2, 0.5},
      new double[][] {{2, 0.8, 0.1}, {0.8, 0.5, 0}, {0.1, 0, 1}});

  @Test
  void gradientsMatchFiniteDifferences() {
    INDArray x2 = MODES.sample(8, new Rng(1)).muli(0.8);
    INDArray g2 = MODES.gradX(x2);
    INDArray x3 = GAUSS.sample(8, new Rng(2));
    INDArray g3 = GAUSS.gradX(x3);
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(FiniteDifferences.gradX(MODES, x2, i, j, 1e-5), g2.getDouble(i, j), 1e-6);
      }
      for (int j = 0; j < 3; j++) {
        assertEquals(FiniteDifferences.gradX(GAUSS, x3, i, j, 1e-5), g3.getDouble(i, j), 1e-6);
      }
    }
  }

  @Test
  void theMixtureIsNormalisedAndItsSamplesHaveTheModeWeights() {
    // midpoint rule on [-8, 8]^2 with step 0.02: the integral of exp(-U) is 1
    double h = 0.02;
    int m = 800;
    INDArray grid = io.ebm4j.nd.Batches.zeros((long) m * m, 2);
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        grid.putScalar(new long[] {(long) a * m + b, 0}, -8 + (a + 0.5) * h);
        grid.putScalar(new long[] {(long) a * m + b, 1}, -8 + (b + 0.5) * h);
      }
    }
    double z = org.nd4j.linalg.ops.transforms.Transforms.exp(MODES.energy(grid).neg()).sumNumber().doubleValue()
        * h * h;
    assertEquals(1.0, z, 1e-6);
    INDArray s = MODES.sample(40_000, new Rng(3));
    double[] share = new double[4];
    for (int i = 0; i < 40_000; i++) {
      share[Targets.FourModes.quadrant(s.getDouble(i, 0), s.getDouble(i, 1))] += 1.0 / 40_000;
    }
    for (int k = 0; k < 4; k++) {
      assertEquals(MODES.w[k], share[k], 0.01, "mode " + k);
    }
  }

  @Test
  void gaussianSamplesHaveTheExactMoments() {
    INDArray s = GAUSS.sample(50_000, new Rng(4));
    double[] m = Targets.mean(s);
    double[][] c = Targets.cov(s);
    for (int a = 0; a < 3; a++) {
      assertEquals(GAUSS.mu[a], m[a], 0.03);
      for (int b = 0; b < 3; b++) {
        assertEquals(GAUSS.cov[a][b], c[a][b], 0.04);
      }
    }
  }
}
