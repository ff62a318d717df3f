package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import io.ebm4j.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Sums keep what their parts share: each capability is checked against its definition by central differences. */
class SumEnergyTest {
  private static final INDArray X = ScoreChecks.normals(5, 2, 1.5, 2);

  private static Mlp mlp() {
    return Mlp.builder(2).hidden(6, 5).activation(Activation.SILU).dtype(DataType.DOUBLE).seed(4).build();
  }

  private static Gaussian wide() {
    return Energies.gaussian(new double[] {0.3, -0.2}, new double[] {3, 2});
  }

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
  void plusGivesTheSameNumbersAsItsPartsInOrder() {
    GaussianMixture m = Energies.mixture(new double[][] {{-1, 0}, {2, 1}}, new double[] {0.3, 0.7});
    Gaussian wide = wide();
    SumEnergy s = Energies.plus(m, wide);
    assertArrayEquals(Batches.toArray(m.energy(X).add(wide.energy(X))), Batches.toArray(s.energy(X)), 0.0);
    assertArrayEquals(Batches.toArray(m.gradX(X).add(wide.gradX(X))), Batches.toArray(s.gradX(X)), 0.0);
    assertSame(m.params(), s.params());
    assertArrayEquals(m.paramNames(), s.paramNames());
    assertSame(m, s.trainable());
    assertSame(wide, s.fixed());
  }

  @Test
  void mlpPlusGaussianKeepsEveryScoreObjectiveOfItsParts() {
    SumEnergy s = Energies.plus(mlp(), wide());
    assertTrue(s instanceof ScoreMatchable && s instanceof SlicedScoreMatchable && s instanceof DenoisingScoreMatchable
        && s instanceof MixedGradient);
    assertFalse(s instanceof ExactNormalizer || s instanceof ExactSampler, "a sum has no closed-form Z");
    ScoreChecks.checkCapabilities(s, X, 3, 1e-5);
  }

  @Test
  void scoreObjectivesOfASumAreThoseOfItsPartsPlusCrossTerms() {
    Mlp mlp = mlp();
    Gaussian wide = wide();
    SumEnergy s = Energies.plus(mlp, wide);
    INDArray g1 = mlp.gradX(X);
    INDArray g2 = wide.gradX(X);
    double cross = g1.mul(g2).sumNumber().doubleValue() / X.rows();
    assertEquals(mlp.scoreMatchingLoss(X) + wide.scoreMatchingLoss(X) + cross,
        ((ScoreMatchable) s).scoreMatchingLoss(X), 1e-12);
    INDArray a = ScoreChecks.normals(5, 2, 1.0, 9);
    INDArray expected = Batches.zeros(mlp.numParams());
    mlp.accumulateMixedGradient(X, a, 1.0, expected);
    INDArray actual = Batches.zeros(s.numParams());
    ((MixedGradient) s).accumulateMixedGradient(X, a, 1.0, actual);
    assertArrayEquals(Batches.toArray(expected), Batches.toArray(actual), 0.0);
  }

  @Test
  void sumOfTrainablePartsConcatenatesAndPrefixesTheirParameters() {
    Gaussian a = Energies.gaussian(new double[] {1, 0}, new double[] {1, 2});
    Gaussian b = Energies.gaussian(new double[] {-1, 0.5}, new double[] {0.7, 1.5});
    SumEnergy s = Energies.sum(a, b);
    assertEquals(8, s.numParams());
    assertEquals("e1.mu0", s.paramNames()[0]);
    assertEquals("e2.logSigma1", s.paramNames()[7]);
    assertArrayEquals(new double[] {1, 0, 0, Math.log(2), -1, 0.5, Math.log(0.7), Math.log(1.5)},
        Batches.toArray(s.params()), 1e-15);
    ScoreChecks.checkCapabilities(s, X, 1, 1e-5);
    assertArrayEquals(FiniteDifferences.paramGradient(s, X, null),
        concat(FiniteDifferences.paramGradient(a, X, null), FiniteDifferences.paramGradient(b, X, null)), 1e-12);

    s.params().putScalar(4, 2.0); // e2.mu0, written through the sum
    Gaussian moved = Energies.gaussian(new double[] {2, 0.5}, new double[] {0.7, 1.5});
    assertArrayEquals(Batches.toArray(a.energy(X).add(moved.energy(X))), Batches.toArray(s.energy(X)), 1e-12);
    SumEnergy c = s.copy();
    s.params().putScalar(0, 5.0);
    assertEquals(1.0, c.params().getDouble(0), 0.0, "a copy keeps its own parameters");
    assertEquals(2.0, c.params().getDouble(4), 0.0);
  }

  @Test
  void sumOfThreePartsWithAFixedOneMatchesItsDefinition() {
    Energy fixed = Energies.of(2, x -> x.mul(x).mul(x).mul(x).sum(1).mul(0.01), x -> x.mul(x).mul(x).mul(0.04));
    Energy s = Energies.sum(mlp(), fixed, wide());
    assertTrue(s instanceof SumEnergy && s instanceof DenoisingScoreMatchable);
    assertFalse(s instanceof ScoreMatchable, "a lambda part has no Laplacian, so the sum offers no score matching");
    ScoreChecks.checkCapabilities((SumEnergy) s, X, 3, 1e-5);
    Energy none = Energies.sum(fixed, fixed);
    assertFalse(none instanceof TrainableEnergy);
    assertArrayEquals(Batches.toArray(fixed.energy(X).mul(2)), Batches.toArray(none.energy(X)), 1e-12);
  }

  @Test
  void capabilitiesAreDroppedWhenAPartLacksThem() {
    GaussianMixture m = Energies.mixture(new double[][] {{-1, 0}, {2, 1}}, new double[] {0.3, 0.7});
    SumEnergy s = Energies.plus(m, wide());
    assertFalse(s instanceof ScoreMatchable || s instanceof DenoisingScoreMatchable || s instanceof MixedGradient
        || s instanceof ExactNormalizer);
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void dimensionsMustMatch() {
    assertThrows(IllegalArgumentException.class,
        () -> Energies.plus(Energies.standardNormal(2), Energies.standardNormal(3)));
  }
}
