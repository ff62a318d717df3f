package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ebm4j.nd.Batches;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GaussianTest {
  private final Gaussian g = Energies.gaussian(new double[] {1, -2}, new double[] {0.5, 3});
  private final INDArray x = Nd4j.createFromArray(new double[][] {{0.3, 1}, {2, -4}, {1, -2}});

  @Test
  void energyAndGradientMatchTheDensity() {
    INDArray e = g.energy(x);
    INDArray gr = g.gradX(x);
    for (int i = 0; i < 3; i++) {
      double a = (x.getDouble(i, 0) - 1) / 0.5;
      double b = (x.getDouble(i, 1) + 2) / 3;
      assertEquals(0.5 * (a * a + b * b), e.getDouble(i), 1e-12);
      for (int j = 0; j < 2; j++) {
        assertEquals(FiniteDifferences.gradX(g, x, i, j, 1e-5), gr.getDouble(i, j), 1e-7);
      }
    }
  }

  @Test
  void paramGradientAndLogZGradientMatchFiniteDifferences() {
    double[] analytic = FiniteDifferences.paramGradient(g, x, null);
    for (int k = 0; k < 4; k++) {
      final int kk = k;
      double fd = FiniteDifferences.dParam(g, k, 1e-6, () -> g.energy(x).sumNumber().doubleValue());
      assertEquals(fd, analytic[kk], 1e-6, "param " + k);
    }
    INDArray lz = Batches.zeros(4);
    g.accumulateLogZGradient(1.0, lz);
    for (int k = 0; k < 4; k++) {
      assertEquals(FiniteDifferences.dParam(g, k, 1e-6, g::logZ), lz.getDouble(k), 1e-8);
    }
    assertEquals(Math.log(2 * Math.PI) + Math.log(0.5) + Math.log(3), g.logZ(), 1e-12);
  }

  @Test
  void samplesHaveTheExactMoments() {
    INDArray s = g.sample(100_000, 5);
    assertEquals(1.0, s.getColumn(0).meanNumber().doubleValue(), 4 * 0.5 / Math.sqrt(1e5));
    assertEquals(-2.0, s.getColumn(1).meanNumber().doubleValue(), 4 * 3 / Math.sqrt(1e5));
    assertEquals(0.25, s.getColumn(0).var(false).getDouble(0), 4 * 0.25 * Math.sqrt(2 / 1e5));
    assertEquals(9.0, s.getColumn(1).var(false).getDouble(0), 4 * 9 * Math.sqrt(2 / 1e5));
  }

  @Test
  void rejectsNonPositiveStandardDeviations() {
    assertThrows(IllegalArgumentException.class, () -> Energies.gaussian(new double[] {0}, new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> Energies.standardNormal(0));
  }
}
