package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class BoltzmannMachineTest {
  static BoltzmannMachine random(int n, double scale, long seed) {
    Rng rng = new Rng(seed);
    double[] b = new double[n];
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      b[i] = scale * rng.normal();
      for (int j = i + 1; j < n; j++) {
        w[i][j] = scale * rng.normal();
        w[j][i] = w[i][j];
      }
    }
    return BoltzmannMachine.of(b, w);
  }

  @Test
  void energyIsMinusBiasTermMinusPairTerm() {
    BoltzmannMachine bm = random(7, 0.8, 1);
    double[] b = bm.bias();
    double[][] w = bm.weights();
    INDArray x = BinaryStates.random(40, 7, Encoding.ZERO_ONE, 2);
    double[] u = Batches.toArray(bm.energy(x));
    for (int r = 0; r < 40; r++) {
      double e = 0;
      for (int i = 0; i < 7; i++) {
        e -= b[i] * x.getDouble(r, i);
        for (int j = i + 1; j < 7; j++) {
          e -= w[i][j] * x.getDouble(r, i) * x.getDouble(r, j);
        }
      }
      assertEquals(e, u[r], 1e-12);
    }
  }

  @Test
  void parameterGradientMatchesCentralFiniteDifferences() {
    BoltzmannMachine bm = random(5, 0.5, 3);
    INDArray x = BinaryStates.random(30, 5, Encoding.ZERO_ONE, 4);
    INDArray w = Batches.vector(new Rng(5).normal(), 0.3, 1.7, 0.0, 2.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    double[] g = FiniteDifferences.paramGradient(bm, x, w);
    for (int k = 0; k < bm.numParams(); k++) {
      double fd = FiniteDifferences.dParam(bm, k, 1e-5, () -> bm.energy(x).mul(w).sumNumber().doubleValue());
      assertEquals(fd, g[k], 1e-7, bm.paramNames()[k]);
    }
  }

  @Test
  void flipDeltasEqualEnergyDifferences() {
    BoltzmannMachine bm = random(6, 1.0, 6);
    INDArray x = BinaryStates.random(10, 6, Encoding.ZERO_ONE, 7);
    INDArray d = bm.flipDeltas(x);
    for (int i = 0; i < 10; i++) {
      for (int k = 0; k < 6; k++) {
        INDArray y = x.getRow(i).dup().reshape(1, 6);
        y.putScalar(0, k, 1 - y.getDouble(0, k));
        assertEquals(bm.energy(y).getDouble(0) - bm.energy(x).getDouble(i), d.getDouble(i, k), 1e-12);
      }
    }
  }

  @Test
  void momentsAreMeansOfSufficientStatistics() {
    BoltzmannMachine bm = BoltzmannMachine.of(3);
    INDArray x = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{1, 1, 0}, {1, 0, 1}, {0, 1, 1},
        {1, 1, 1}});
    double[] m = Batches.toArray(bm.moments(x));
    // x0, x1, x2, x0x1, x0x2, x1x2
    double[] expected = {0.75, 0.75, 0.75, 0.5, 0.5, 0.5};
    for (int k = 0; k < 6; k++) {
      assertEquals(expected[k], m[k], 1e-15, bm.paramNames()[k]);
    }
  }

  @Test
  void asymmetricOrNonFiniteWeightsAreRejected() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> BoltzmannMachine.of(new double[] {0, 0}, new double[][] {{0, 1}, {2, 0}}))
        .getMessage().contains("weights must be symmetric, got 1.0 at [0, 1] and 2.0 at [1, 0]"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> BoltzmannMachine.of(new double[] {Double.NaN, 0}, new double[][] {{0, 0}, {0, 0}}))
        .getMessage().contains("bias[0] must be finite, got NaN"));
  }
}
