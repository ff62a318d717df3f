package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Kernels;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AND, OR and AND NOT of energies: each energy against its formula, each input and parameter gradient against central
 * differences, and MALA draws against the exact density on Gaussian cases with closed forms.
 */
class LogicalCompositionTest {
  private static final INDArray X = ScoreChecks.normals(6, 2, 1.5, 5);

  private static Mlp mlp(long seed) {
    return Mlp.builder(2).hidden(5, 4).activation(Activation.SILU).dtype(DataType.DOUBLE).seed(seed).build();
  }

  private static Gaussian g1(double mean, double std) {
    return Energies.gaussian(new double[] {mean}, new double[] {std});
  }

  private static Gaussian b() {
    return Energies.gaussian(new double[] {0.5, 0}, new double[] {1, 2});
  }

  private static void checkGradX(Energy e, INDArray x) {
    INDArray g = e.gradX(x);
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < x.columns(); j++) {
        assertEquals(FiniteDifferences.gradX(e, x, i, j, 1e-5), g.getDouble(i, j), 1e-7, "grad_x at " + i + "," + j);
      }
    }
  }

  private static void checkParams(TrainableEnergy e, INDArray x, INDArray w) {
    double[] analytic = FiniteDifferences.paramGradient(e, x, w);
    for (int k = 0; k < e.numParams(); k++) {
      double fd = FiniteDifferences.dParam(e, k, 1e-5, () -> {
        INDArray u = e.energy(x);
        return w == null ? u.sumNumber().doubleValue() : u.mul(w).sumNumber().doubleValue();
      });
      assertEquals(fd, analytic[k], 1e-6 * Math.max(1, Math.abs(fd)), "d/d" + e.paramNames()[k]);
    }
  }

  @Test
  void orIsMinusLogSumExpWithResponsibilityWeightedGradients() {
    Mlp a = mlp(1);
    Gaussian b = Energies.gaussian(new double[] {1, -0.5}, new double[] {0.8, 1.3});
    TrainableEnergy or = Energies.or(a, b);
    double[] ua = Batches.toArray(a.energy(X));
    double[] ub = Batches.toArray(b.energy(X));
    double[] u = Batches.toArray(or.energy(X));
    for (int i = 0; i < u.length; i++) {
      assertEquals(-Math.log(Math.exp(-ua[i]) + Math.exp(-ub[i])), u[i], 1e-12, "U at " + i);
    }
    assertEquals(a.numParams() + b.numParams(), or.numParams());
    assertEquals("e2.mu0", or.paramNames()[a.numParams()]);
    checkGradX(or, X);
    checkParams(or, X, null);
    checkParams(or, X, Batches.vector(0.5, 2, 1, 0.1, 3, 1));
  }

  @Test
  void orOfGaussiansIsTheExactMixtureWithWeightsProportionalToTheirNormalizers() {
    Gaussian a = g1(-2, 0.5);
    Gaussian b = g1(2, 1);
    TrainableEnergy or = Energies.or(a, b);
    assertTrue(or instanceof ExactNormalizer && or instanceof ExactSampler);
    assertFalse(or instanceof Temperable, "a tempered OR is no OR");
    double logZ = Math.log(Math.sqrt(2 * Math.PI) * 1.5);
    assertEquals(logZ, ((ExactNormalizer) or).logZ(), 1e-12);
    INDArray grad = Batches.zeros(or.numParams());
    ((ExactNormalizer) or).accumulateLogZGradient(1.0, grad);
    for (int k = 0; k < or.numParams(); k++) {
      double fd = FiniteDifferences.dParam(or, k, 1e-6, () -> ((ExactNormalizer) or).logZ());
      assertEquals(fd, grad.getDouble(k), 1e-7, "d log Z / d" + or.paramNames()[k]);
    }
    // weights 1/3 and 2/3: mean 2/3, E x^2 = (0.25 + 4)/3 + 2 (1 + 4)/3 = 4.75
    double mean = 2.0 / 3;
    double variance = 4.75 - mean * mean;
    double[] draws = Batches.toArray(((ExactSampler) or).sample(20000, new Rng(3)));
    assertEquals(mean, mean(draws), 0.05, "exact draws: mean");
    assertEquals(variance, variance(draws), 0.12, "exact draws: variance");
    SamplingMoments.check(or, Kernels.mala(0.3), 4000, 1500, 7, mean, variance, 0.11, 0.3);
  }

  @Test
  void orOfTwoEqualEnergyGaussiansSplitsTheMassEvenly() {
    Energy or = Energies.or(Energies.scaled((Energy) g1(-2, 1), 1.0), Energies.scaled((Energy) g1(2, 1), 1.0));
    // variance of the even mixture of N(-2, 1) and N(2, 1): 1 + 4
    SamplingMoments.check(or, Kernels.mala(0.4), 4000, 1500, 8, 0.0, 5.0, 0.11, 0.3);
  }

  @Test
  void andOfTwoGaussiansIsTheGaussianWithSummedPrecisions() {
    SumEnergy and = Energies.and(g1(-1, 1), g1(2, 0.5));
    // precisions 1 + 4 = 5; mean (-1 * 1 + 2 * 4) / 5
    SamplingMoments.check(and, Kernels.mala(0.1), 4000, 400, 9, 1.4, 0.2, 0.025, 0.015);
    Energy fixed = Energies.and(Energies.scaled((Energy) g1(-1, 1), 1.0), Energies.scaled((Energy) g1(2, 0.5), 1.0));
    assertEquals(and.energy(X.getColumn(0).reshape(6, 1)).getDouble(3),
        fixed.energy(X.getColumn(0).reshape(6, 1)).getDouble(3), 1e-12);
  }

  @Test
  void andNotSubtractsAlphaTimesTheNegatedEnergyAndMatchesTheGaussianItGives() {
    Gaussian base = g1(0, 1);
    Gaussian neg = g1(1, 2);
    SumEnergy not = Energies.andNot(base, neg, 0.5);
    INDArray x = X.getColumn(0).reshape(6, 1).dup();
    double[] expected = Batches.toArray(base.energy(x).sub(neg.energy(x).mul(0.5)));
    double[] u = Batches.toArray(not.energy(x));
    for (int i = 0; i < u.length; i++) {
      assertEquals(expected[i], u[i], 1e-12);
    }
    assertFalse(not instanceof ExactNormalizer, "a difference has no closed-form Z here");
    // U = x^2/2 - (x - 1)^2/16: precision 7/8, mean -1/7
    SamplingMoments.check(not, Kernels.mala(0.2), 4000, 400, 10, -1.0 / 7, 8.0 / 7, 0.06, 0.08);
  }

  @Test
  void andNotOfTrainedPartsHasExactGradientsAndKeepsEveryScoreObjective() {
    Gaussian wide = Energies.gaussian(new double[] {0, 0}, new double[] {3, 3});
    SumEnergy not = Energies.andNot(Energies.plus(mlp(2), wide), Energies.plus(mlp(3), wide), 0.7);
    assertTrue(not instanceof ScoreMatchable && not instanceof SlicedScoreMatchable
        && not instanceof DenoisingScoreMatchable && not instanceof MixedGradient);
    checkGradX(not, X);
    checkParams(not, X, null);
    ScoreChecks.checkCapabilities(not, X, 5, 1e-5);
  }

  @Test
  void andNotRefusesWeightsThatLeaveTheDensityUnnormalisable() {
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> Energies.andNot(g1(0, 1), g1(0, 1), 1.0));
    assertTrue(one.getMessage().contains("alpha") && one.getMessage().contains("1.0"), one.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Energies.andNot(g1(0, 1), g1(0, 1), -0.2));
    assertThrows(IllegalArgumentException.class, () -> Energies.andNot(g1(0, 1), g1(0, 1), Double.NaN));
    IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class,
        () -> Energies.andNot(g1(0, 1), g1(0, 0.5), 0.5));
    assertTrue(narrow.getMessage().contains("0.25"), narrow.getMessage());
  }

  @Test
  void temperingDividesEveryCombinationAndItsGradients() {
    TrainableEnergy[] combos = {Energies.and(mlp(4), b()), Energies.or(mlp(4), b()),
        Energies.andNot(Energies.sum(mlp(4), Energies.gaussian(new double[] {0, 0}, new double[] {3, 3})), b(), 0.05)};
    for (TrainableEnergy c : combos) {
      TrainableEnergy hot = Energies.tempered(c, 2.5);
      double[] u = Batches.toArray(c.energy(X));
      double[] h = Batches.toArray(hot.energy(X));
      for (int i = 0; i < u.length; i++) {
        assertEquals(u[i] / 2.5, h[i], 1e-12, c + " at " + i);
      }
      checkGradX(hot, X);
      checkParams(hot, X, null);
    }
  }

  @Test
  void combinatorsRefuseMissingOrMismatchedParts() {
    assertThrows(IllegalArgumentException.class, () -> Energies.or(new Energy[0]));
    assertThrows(IllegalArgumentException.class, () -> Energies.or(g1(0, 1), Energies.standardNormal(2)));
    assertThrows(IllegalArgumentException.class, () -> Energies.andNot(g1(0, 1), Energies.standardNormal(2), 0.5));
    assertThrows(IllegalArgumentException.class, () -> Energies.andNot(null, g1(0, 1), 0.5));
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / x.length;
  }
}
