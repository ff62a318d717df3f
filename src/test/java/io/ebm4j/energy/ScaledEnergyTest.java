package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** beta U keeps the capabilities of U that stay exact, and each equals its definition. */
class ScaledEnergyTest {
  private static final INDArray X = ScoreChecks.normals(5, 2, 1.5, 3);

  private static Mlp mlp() {
    return Mlp.builder(2).hidden(6, 5).activation(Activation.SILU).dtype(DataType.DOUBLE).seed(5).build();
  }

  @Test
  void energiesAndGradientsAreBetaTimesThoseOfTheEnergy() {
    Mlp m = mlp();
    TrainableEnergy s = Energies.scaled(m, 0.6);
    assertArrayEquals(Batches.toArray(m.energy(X).mul(0.6)), Batches.toArray(s.energy(X)), 1e-15);
    assertArrayEquals(Batches.toArray(m.gradX(X).mul(0.6)), Batches.toArray(s.gradX(X)), 1e-15);
    double[] inner = FiniteDifferences.paramGradient(m, X, null);
    double[] scaled = FiniteDifferences.paramGradient(s, X, null);
    for (int k = 0; k < inner.length; k++) {
      assertEquals(0.6 * inner[k], scaled[k], 1e-14);
    }
    assertTrue(s.params() == m.params(), "the scaled energy trains the energy's own parameters");
  }

  @Test
  void scaledMlpKeepsEveryScoreObjective() {
    TrainableEnergy s = Energies.scaled(mlp(), 0.6);
    assertTrue(s instanceof ScoreMatchable && s instanceof SlicedScoreMatchable
        && s instanceof DenoisingScoreMatchable);
    assertFalse(s instanceof ExactNormalizer || s instanceof ExactSampler);
    ScoreChecks.checkCapabilities(s, X, 3, 1e-5);
  }

  @Test
  void scoreMatchingLossOfBetaUIsBetaTimesThatOfUPlusTheExtraSquaredScore() {
    Mlp m = mlp();
    double beta = 2.5;
    double sq = m.gradX(X).mul(m.gradX(X)).sumNumber().doubleValue() / (2 * X.rows());
    assertEquals(beta * m.scoreMatchingLoss(X) + (beta * beta - beta) * sq,
        ((ScoreMatchable) Energies.scaled(m, beta)).scoreMatchingLoss(X), 1e-12);
  }

  @Test
  void temperedGaussianIsTheGaussianWithStdOverRootBeta() {
    Gaussian g = Energies.gaussian(new double[] {1, -2}, new double[] {0.8, 1.5});
    double beta = 2.5;
    TrainableEnergy s = Energies.scaled(g, beta);
    assertTrue(s instanceof ExactNormalizer && s instanceof ExactSampler && s instanceof Temperable);
    double r = Math.sqrt(beta);
    Gaussian same = Energies.gaussian(new double[] {1, -2}, new double[] {0.8 / r, 1.5 / r});
    assertArrayEquals(Batches.toArray(same.energy(X)), Batches.toArray(s.energy(X)), 1e-12);
    assertEquals(same.logZ(), ((ExactNormalizer) s).logZ(), 1e-12);
    INDArray grad = Batches.zeros(4);
    ((ExactNormalizer) s).accumulateLogZGradient(1.0, grad);
    for (int k = 0; k < 4; k++) {
      assertEquals(FiniteDifferences.dParam(s, k, 1e-6, () -> ((ExactNormalizer) s).logZ()), grad.getDouble(k), 1e-8);
    }
    ScoreChecks.checkCapabilities(s, X, 1, 1e-5);
    // tempering twice multiplies the inverse temperatures
    TrainableEnergy twice = Energies.tempered(s, 2.0);
    assertEquals(g.logZ(beta / 2), ((ExactNormalizer) twice).logZ(), 1e-12);
  }

  @Test
  void temperedGaussianDrawsHaveTheTemperedMoments() {
    TrainableEnergy s = Energies.tempered(Energies.gaussian(new double[] {3}, new double[] {0.5}), 4.0);
    int n = 100_000;
    double[] x = Batches.toArray(((ExactSampler) s).sample(n, new Rng(4)));
    double m = 0;
    double v = 0;
    for (double xi : x) {
      m += xi / n;
    }
    for (double xi : x) {
      v += (xi - m) * (xi - m) / n;
    }
    // exp(-U/4) is N(3, 1^2); 4 standard errors
    assertEquals(3.0, m, 4 / Math.sqrt(n));
    assertEquals(1.0, v, 4 * Math.sqrt(2.0 / n));
  }

  @Test
  void exactNormalizerIsDroppedWhereTemperingLeavesTheFamily() {
    GaussianMixture mix = Energies.mixture(new double[][] {{-1, 0}, {2, 1}}, new double[] {0.3, 0.7});
    TrainableEnergy s = Energies.scaled(mix, 2.0);
    assertFalse(s instanceof ExactNormalizer || s instanceof ExactSampler,
        "exp(-2 U) of a mixture has no closed-form Z");
    Energy lambda = Energies.of(2, x -> x.mul(x).sum(1).mul(0.5), x -> x.dup());
    Energy hot = Energies.tempered(lambda, 2.0);
    assertFalse(hot instanceof TrainableEnergy);
    assertArrayEquals(Batches.toArray(lambda.energy(X).mul(0.5)), Batches.toArray(hot.energy(X)), 1e-15);
  }

  @Test
  void betaAndTemperatureMustBePositiveAndFinite() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Energies.scaled(Energies.standardNormal(1), -0.5));
    assertTrue(e.getMessage().contains("beta") && e.getMessage().contains("-0.5"), e.getMessage());
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> Energies.tempered(Energies.standardNormal(1), 0));
    assertTrue(t.getMessage().contains("temperature") && t.getMessage().contains("0"), t.getMessage());
  }
}
