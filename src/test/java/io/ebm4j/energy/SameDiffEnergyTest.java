package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.sample.Kernels;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Energies from SameDiff graphs: gradients by SameDiff against central differences, parameters, checks, sampling. */
class SameDiffEnergyTest {
  private static final INDArray X = ScoreChecks.normals(4, 2, 1.5, 6);

  /** U = sum_k log cosh((x W + b)_k) + |x - mu|^2 / 2, with W [2, 3], b [3], mu [2]. */
  private static TrainableEnergy network() {
    return Energies.sameDiff(2, (sd, x) -> {
      SDVariable w = sd.var("W", Nd4j.createFromArray(new double[][] {{0.5, -0.3, 0.8}, {0.2, 0.7, -0.4}}));
      SDVariable b = sd.var("b", Nd4j.createFromArray(0.1, -0.2, 0.3));
      SDVariable mu = sd.var("mu", Nd4j.createFromArray(0.4, -0.6));
      SDVariable h = x.mmul(w).add(b);
      return sd.math().log(sd.math().cosh(h)).sum(1).add(sd.math().square(x.sub(mu)).sum(1).mul(0.5));
    });
  }

  /** N(mu, 0.5^2) in 1-D with learnable mu (reshape, not sum over the axis of length 1). */
  static TrainableEnergy gaussian(double mu) {
    return Energies.sameDiff(1, (sd, x) -> {
      SDVariable m = sd.var("mu", Nd4j.createFromArray(mu));
      return sd.math().square(x.sub(m)).mul(2.0).reshape(-1);
    });
  }

  @Test
  void inputAndParameterGradientsMatchCentralDifferences() {
    TrainableEnergy e = network();
    assertEquals(11, e.numParams());
    assertArrayEquals(new String[] {"W[0]", "W[1]", "W[2]", "W[3]", "W[4]", "W[5]", "b[0]", "b[1]", "b[2]", "mu[0]",
        "mu[1]"}, e.paramNames());
    INDArray g = e.gradX(X);
    for (int i = 0; i < X.rows(); i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(FiniteDifferences.gradX(e, X, i, j, 1e-5), g.getDouble(i, j), 1e-8, "grad x " + i + "," + j);
      }
    }
    INDArray w = Nd4j.createFromArray(0.5, 2.0, 0.0, 1.5);
    INDArray out = Batches.zeros(11);
    e.accumulateParamGradient(X, w, 0.7, out);
    for (int k = 0; k < 11; k++) {
      double fd = 0.7 * FiniteDifferences.dParam(e, k, 1e-6, () -> e.energy(X).mul(w).sumNumber().doubleValue());
      assertEquals(fd, out.getDouble(k), 1e-7, "d/d" + e.paramNames()[k]);
    }
  }

  @Test
  void parametersWrittenIntoTheVectorReachTheGraphAndCopiesAreIndependent() {
    TrainableEnergy e = gaussian(0.0);
    INDArray one = Nd4j.createFromArray(new double[][] {{1.0}});
    assertEquals(2.0, e.energy(one).getDouble(0), 1e-12); // a single point: N = 1
    TrainableEnergy c = e.copy();
    e.params().putScalar(0, 1.0);
    assertEquals(0.0, e.energy(one).getDouble(0), 1e-12);
    assertEquals(2.0, c.energy(one).getDouble(0), 1e-12);
    assertEquals(4.0, c.gradX(one).getDouble(0, 0), 1e-12);
  }

  @Test
  void malformedGraphsAreNamed() {
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> Energies.sameDiff(2, (sd, x) -> null));
    assertTrue(a.getMessage().contains("graph must return"), a.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> Energies.sameDiff(2, (sd, x) -> x.mul(2.0).sum(1)));
    assertTrue(b.getMessage().contains("at least one variable"), b.getMessage());
    TrainableEnergy wrong = Energies.sameDiff(2, (sd, x) -> x.mul(sd.var("s", Nd4j.createFromArray(2.0))));
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> wrong.energy(X));
    assertTrue(c.getMessage().contains("graph energy must return shape [4]") && c.getMessage().contains("[4, 2]"),
        c.getMessage());
  }

  @Test
  void everyKernelSamplesASameDiffGaussian() {
    // 1000 chains: 4 standard errors are 0.064 for the mean and 0.045 for the variance
    SamplingMoments.check(gaussian(1.0), Kernels.mala(0.1), 1000, 60, 1, 1.0, 0.25, 0.064, 0.045);
    SamplingMoments.check(gaussian(1.0), Kernels.hmc(0.25, 4), 1000, 25, 2, 1.0, 0.25, 0.064, 0.045);
    SamplingMoments.check(gaussian(1.0), Kernels.randomWalk(0.8), 1000, 80, 3, 1.0, 0.25, 0.064, 0.045);
    SamplingMoments.check(gaussian(1.0), Kernels.adaptive(Kernels::mala, 0.1, 0.574, 20), 1000, 60, 4, 1.0, 0.25,
        0.064, 0.045);
    // ULA's stationary variance is 0.25 / (1 - 2h) = 0.2604 at h = 0.02
    SamplingMoments.check(gaussian(1.0), Kernels.ula(0.02), 1000, 80, 5, 1.0, 0.25 / 0.96, 0.064, 0.045);
  }
}
