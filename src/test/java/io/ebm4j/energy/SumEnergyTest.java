package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ebm4j.nd.Batches;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SumEnergyTest {
  @Test
  void energiesAndGradientsAddAndParametersAreTheTrainablePart() {
    GaussianMixture m = Energies.mixture(new double[][] {{-1, 0}, {2, 1}}, new double[] {0.3, 0.7});
    Gaussian wide = Energies.gaussian(new double[] {0, 0}, new double[] {5, 5});
    SumEnergy s = Energies.plus(m, wide);
    INDArray x = Nd4j.createFromArray(new double[][] {{0.5, 0.2}, {-2, 1}, {3, -1}});
    assertArrayEquals(Batches.toArray(m.energy(x).add(wide.energy(x))), Batches.toArray(s.energy(x)), 1e-12);
    INDArray g = s.gradX(x);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(FiniteDifferences.gradX(s, x, i, j, 1e-5), g.getDouble(i, j), 1e-7);
      }
    }
    assertArrayEquals(FiniteDifferences.paramGradient(m, x, null), FiniteDifferences.paramGradient(s, x, null),
        1e-12);
    assertEquals(m.numParams(), s.numParams());
  }

  @Test
  void dimensionsMustMatch() {
    assertThrows(IllegalArgumentException.class,
        () -> Energies.plus(Energies.standardNormal(2), Energies.standardNormal(3)));
  }
}
