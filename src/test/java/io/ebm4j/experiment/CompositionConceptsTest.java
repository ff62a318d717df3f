package io.ebm4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The parametric concept energies: values against their formulas, gradients against central differences. */
class CompositionConceptsTest {
  private static INDArray x() {
    INDArray x = Batches.zeros(6, 2);
    new Rng(4).fillNormal(Batches.buffer(x), 12);
    return x.muli(2);
  }

  private static void check(TrainableEnergy e, INDArray x) {
    INDArray g = e.gradX(x);
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(FiniteDifferences.gradX(e, x, i, j, 1e-6), g.getDouble(i, j), 1e-7, e + " grad_x " + i + "," + j);
      }
    }
    INDArray w = Batches.vector(1, 0.5, -2, 3, 0.1, 1);
    double[] analytic = FiniteDifferences.paramGradient(e, x, w);
    for (int k = 0; k < e.numParams(); k++) {
      double fd = FiniteDifferences.dParam(e, k, 1e-6, () -> e.energy(x).mul(w).sumNumber().doubleValue());
      assertEquals(fd, analytic[k], 1e-6 * Math.max(1, Math.abs(fd)), e + " d/d" + e.paramNames()[k]);
    }
  }

  @Test
  void halfPlaneIsSoftplusOfAnAffineMapWithExactGradients() {
    TrainableEnergy h = CompositionConcepts.halfPlane();
    h.params().assign(Batches.vector(1.5, -0.7, 0.3));
    INDArray x = x();
    for (int i = 0; i < 6; i++) {
      double s = 1.5 * x.getDouble(i, 0) - 0.7 * x.getDouble(i, 1) + 0.3;
      assertEquals(Math.log1p(Math.exp(s)), h.energy(x).getDouble(i), 1e-12);
    }
    check(h, x);
  }

  @Test
  void ringIsARadialWellWithExactGradients() {
    TrainableEnergy r = CompositionConcepts.ring();
    r.params().assign(Batches.vector(2.0, Math.log(0.3)));
    INDArray x = x();
    for (int i = 0; i < 6; i++) {
      double rho = Math.sqrt(x.getDouble(i, 0) * x.getDouble(i, 0) + x.getDouble(i, 1) * x.getDouble(i, 1) + 1e-4);
      assertEquals((rho - 2) * (rho - 2) / (2 * 0.09), r.energy(x).getDouble(i), 1e-10);
    }
    check(r, x);
  }
}
