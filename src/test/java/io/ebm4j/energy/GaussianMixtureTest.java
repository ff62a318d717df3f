package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ebm4j.nd.Batches;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GaussianMixtureTest {
  private final GaussianMixture m = Energies.mixture(new double[][] {{-1, 0}, {2, 1}, {0, 3}},
      new double[] {0.2, 0.5, 0.3});
  private final INDArray x = Nd4j.createFromArray(new double[][] {{0, 0}, {1.5, 1}, {-2, 2.5}, {0.3, -0.7}});

  @Test
  void weightsAreTheNormalisedInputs() {
    assertArrayEquals(new double[] {0.2, 0.5, 0.3}, m.weights(), 1e-14);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    INDArray g = m.gradX(x);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(FiniteDifferences.gradX(m, x, i, j, 1e-5), g.getDouble(i, j), 1e-7);
      }
    }
    INDArray w = Batches.vector(1, 0.5, 2, 0.1);
    double[] analytic = FiniteDifferences.paramGradient(m, x, w);
    for (int k = 0; k < m.numParams(); k++) {
      double fd = FiniteDifferences.dParam(m, k, 1e-6, () -> m.energy(x).mul(w).sumNumber().doubleValue());
      assertEquals(fd, analytic[k], 1e-6, m.paramNames()[k]);
    }
    INDArray lz = Batches.zeros(m.numParams());
    m.accumulateLogZGradient(1.0, lz);
    for (int k = 0; k < m.numParams(); k++) {
      assertEquals(FiniteDifferences.dParam(m, k, 1e-6, m::logZ), lz.getDouble(k), 1e-8);
    }
  }

  @Test
  void logZIsTheSumOfWeightsTimesTheGaussianConstant() {
    GaussianMixture u = Energies.mixture(new double[][] {{0}, {5}}, new double[] {2, 3});
    assertEquals(Math.log(5) + 0.5 * Math.log(2 * Math.PI), u.logZ(), 1e-12);
  }

  @Test
  void samplesFallIntoModesWithTheRightFrequencies() {
    GaussianMixture u = Energies.mixture(new double[][] {{-10}, {6}}, new double[] {0.25, 0.75});
    double[] s = Batches.toArray(u.sample(100_000, 9));
    long right = java.util.Arrays.stream(s).filter(v -> v > -2).count();
    assertEquals(0.75, right / 1e5, 4 * Math.sqrt(0.1875 / 1e5));
  }

  @Test
  void rejectsMismatchedMeansAndWeights() {
    assertThrows(IllegalArgumentException.class, () -> Energies.mixture(new double[][] {{0}}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class,
        () -> Energies.mixture(new double[][] {{0}, {1, 2}}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> Energies.mixture(new double[][] {{0}}, new double[] {-1}));
  }
}
