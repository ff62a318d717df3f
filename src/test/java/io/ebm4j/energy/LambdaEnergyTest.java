package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.sample.Kernels;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Energies written as lambdas: gradients, checks of what the lambdas return, and sampling with every kernel. */
class LambdaEnergyTest {
  private static final INDArray X = ScoreChecks.normals(4, 2, 1.5, 5);

  /** U = sum_j log cosh x_j + 0.1 (x_0 x_1)^2. */
  private static Energy logCosh() {
    return Energies.of(2,
        x -> Transforms.log(Transforms.cosh(x)).sum(1).add(x.getColumn(0).mul(x.getColumn(1)).mul(
            x.getColumn(0).mul(x.getColumn(1))).mul(0.1)),
        x -> {
          INDArray g = Transforms.tanh(x);
          INDArray p = x.getColumn(0).mul(x.getColumn(1)).mul(0.2);
          g.getColumn(0).addi(p.mul(x.getColumn(1)));
          g.getColumn(1).addi(p.mul(x.getColumn(0)));
          return g;
        });
  }

  /** U(x; m, a) = e^a |x - m|^2 / 2 in 2-D, theta = (m_0, m_1, a). */
  static TrainableEnergy scaledBowl(double m0, double m1, double a) {
    return Energies.trainable(2, Nd4j.createFromArray(m0, m1, a), null,
        (x, t) -> {
          INDArray r = x.subRowVector(t.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)));
          return r.mul(r).sum(1).mul(0.5 * Math.exp(t.getDouble(2)));
        },
        (x, t) -> x.subRowVector(t.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)))
            .mul(Math.exp(t.getDouble(2))),
        (x, t) -> {
          INDArray r = x.subRowVector(t.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)));
          double e = Math.exp(t.getDouble(2));
          return Nd4j.hstack(r.mul(-e), r.mul(r).sum(true, 1).mul(0.5 * e));
        });
  }

  @Test
  void gradientOfALambdaEnergyMatchesCentralDifferences() {
    Energy e = logCosh();
    INDArray g = e.gradX(X);
    for (int i = 0; i < X.rows(); i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(FiniteDifferences.gradX(e, X, i, j, 1e-5), g.getDouble(i, j), 1e-8);
      }
    }
  }

  @Test
  void trainableLambdaGradientsMatchCentralDifferences() {
    TrainableEnergy e = scaledBowl(0.5, -1, 0.3);
    assertArrayEquals(new String[] {"p0", "p1", "p2"}, e.paramNames());
    INDArray g = e.gradX(X);
    for (int i = 0; i < X.rows(); i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(FiniteDifferences.gradX(e, X, i, j, 1e-5), g.getDouble(i, j), 1e-8);
      }
    }
    INDArray w = Nd4j.createFromArray(0.5, 2.0, 0.0, 1.5);
    INDArray out = Batches.zeros(3);
    e.accumulateParamGradient(X, w, 0.7, out);
    for (int k = 0; k < 3; k++) {
      double fd = 0.7 * FiniteDifferences.dParam(e, k, 1e-6, () -> e.energy(X).mul(w).sumNumber().doubleValue());
      assertEquals(fd, out.getDouble(k), 1e-7, "d/dp" + k);
    }
  }

  @Test
  void copyHasItsOwnParameters() {
    TrainableEnergy e = scaledBowl(0.5, -1, 0.3);
    TrainableEnergy c = e.copy();
    e.params().putScalar(0, 4.0);
    assertEquals(0.5, c.params().getDouble(0), 0.0);
    assertTrue(e.energy(X).getDouble(0) != c.energy(X).getDouble(0));
  }

  @Test
  void wrongShapesAndNonFiniteValuesAreNamed() {
    Energy wide = Energies.of(2, x -> x.dup(), x -> x.dup());
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> wide.energy(X));
    assertTrue(a.getMessage().contains("energy function must return shape [4]") && a.getMessage().contains("[4, 2]"),
        a.getMessage());
    Energy nan = Energies.of(2, x -> x.getColumn(0).dup().putScalar(1, Double.NaN), x -> x.dup());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> nan.energy(X));
    assertTrue(b.getMessage().contains("NaN") && b.getMessage().contains("at [1]"), b.getMessage());
    Energy badGrad = Energies.of(2, x -> x.getColumn(0).dup(), x -> x.getColumn(0).dup());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> badGrad.gradX(X));
    assertTrue(c.getMessage().contains("gradX function must return shape [4, 2]"), c.getMessage());
    TrainableEnergy badParamGrad = Energies.trainable(2, Nd4j.createFromArray(1.0, 2.0), new String[] {"a", "b"},
        (x, t) -> x.getColumn(0).dup(), (x, t) -> x.dup(), (x, t) -> x.getColumn(0).dup());
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> badParamGrad.accumulateParamGradient(X, null, 1.0, Batches.zeros(2)));
    assertTrue(d.getMessage().contains("paramGrad function must return shape [4, 2]"), d.getMessage());
    IllegalArgumentException names = assertThrows(IllegalArgumentException.class, () -> Energies.trainable(2,
        Nd4j.createFromArray(1.0, 2.0), new String[] {"a"}, (x, t) -> x, (x, t) -> x, (x, t) -> x));
    assertTrue(names.getMessage().contains("paramNames must have length 2") && names.getMessage().contains("got 1"),
        names.getMessage());
    IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
        () -> Energies.of(0, x -> x, x -> x));
    assertTrue(dim.getMessage().contains("dim") && dim.getMessage().contains("0"), dim.getMessage());
  }

  /** N(1, 0.5^2) as lambdas. */
  private static Energy gaussian() {
    return Energies.of(1, x -> x.sub(1).mul(x.sub(1)).mul(2).reshape(-1), x -> x.sub(1).mul(4));
  }

  @Test
  void malaOnALambdaGaussianRecoversMeanAndVariance() {
    // 5000 independent chains: 4 standard errors are 0.028 for the mean and 0.02 for the variance
    SamplingMoments.check(gaussian(), Kernels.mala(0.1), 5000, 150, 1, 1.0, 0.25, 0.028, 0.02);
  }

  @Test
  void everyKernelSamplesALambdaGaussian() {
    // 2000 chains: 4 standard errors are 0.045 for the mean and 0.032 for the variance
    SamplingMoments.check(gaussian(), Kernels.hmc(0.2, 5), 2000, 60, 2, 1.0, 0.25, 0.045, 0.032);
    SamplingMoments.check(gaussian(), Kernels.randomWalk(0.8), 2000, 200, 3, 1.0, 0.25, 0.045, 0.032);
    SamplingMoments.check(gaussian(), Kernels.adaptive(Kernels::mala, 0.1, 0.574, 50), 2000, 150, 4, 1.0, 0.25,
        0.045, 0.032);
    // ULA's stationary variance is 0.25 / (1 - 2h) = 0.2604 at h = 0.02
    SamplingMoments.check(gaussian(), Kernels.ula(0.02), 2000, 200, 5, 1.0, 0.25 / 0.96, 0.045, 0.032);
  }
}
