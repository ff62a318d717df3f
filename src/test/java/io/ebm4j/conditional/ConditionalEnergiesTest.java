package io.ebm4j.conditional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ConditionalEnergiesTest {
  private static final int D = 3;
  private static final int K = 4;

  private static List<ConditionalEnergy> models() {
    return List.of(ConditionalEnergies.linear(D, K, 1L), ConditionalEnergies.mlp(D, K, new int[] {5, 4}, 2L),
        ConditionalEnergies.embedding(D, K, 3, new int[0], 3L), ConditionalEnergies.embedding(D, K, 2, new int[] {5},
            4L));
  }

  private static INDArray inputs(int n, long seed) {
    Rng rng = new Rng(seed);
    INDArray x = Batches.zeros(n, D);
    rng.fillNormal(Batches.buffer(x), n * D);
    return x;
  }

  @Test
  void linearEnergyIsMinusTheAffineScore() {
    LogitEnergy lin = ConditionalEnergies.linear(D, K, 5L);
    INDArray x = inputs(6, 1);
    INDArray w = lin.params().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, D * K)).reshape(D, K);
    INDArray b = lin.params().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(D * K, D * K + K)).reshape(1, K);
    lin.params().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(D * K, D * K + K)).assign(Batches.vector(0.1, -0.2,
        0.3, 0.4));
    INDArray expected = x.mmul(w).addRowVector(b).neg();
    assertTrue(expected.equalsWithEps(lin.energies(x), 1e-12), "E = -(x W + b)");
  }

  @Test
  void embeddingEnergyIsHalfTheSquaredDistanceToTheAnswersEmbedding() {
    EmbeddingEnergy emb = ConditionalEnergies.embedding(D, K, 3, new int[0], 6L);
    INDArray x = inputs(5, 2);
    int gSize = D * 3 + 3;
    INDArray w = emb.params().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, D * 3)).reshape(D, 3);
    INDArray g = x.mmul(w);
    INDArray h = emb.answerEmbeddings();
    assertEquals(gSize + K * 3, emb.numParams());
    INDArray e = emb.energies(x);
    for (int i = 0; i < 5; i++) {
      for (int y = 0; y < K; y++) {
        double s = 0;
        for (int j = 0; j < 3; j++) {
          double r = g.getDouble(i, j) - h.getDouble(y, j);
          s += r * r;
        }
        assertEquals(s / 2, e.getDouble(i, y), 1e-12);
      }
    }
  }

  @Test
  void parameterGradientOfAnyWeightingOfTheEnergiesMatchesFiniteDifferences() {
    INDArray x = inputs(7, 3);
    Rng rng = new Rng(9);
    for (ConditionalEnergy m : models()) {
      INDArray c = Batches.zeros(7, K);
      rng.fillNormal(Batches.buffer(c), 7 * K);
      INDArray grad = Batches.zeros(m.numParams());
      m.backward(x, c, 0.5, grad, null);
      double worst = 0;
      for (int q = 0; q < m.numParams(); q++) {
        double fd = FiniteDifferences.dParam(m, q, 1e-6, () -> 0.5 * m.energies(x).mul(c).sumNumber().doubleValue());
        worst = Math.max(worst, Math.abs(fd - grad.getDouble(q)));
      }
      assertTrue(worst < 1e-7, m + ": largest |analytic - finite difference| = " + worst);
    }
  }

  @Test
  void inputGradientOfAWeightingOfTheEnergiesMatchesFiniteDifferences() {
    INDArray x = inputs(5, 4);
    Rng rng = new Rng(10);
    for (ConditionalEnergy m : models()) {
      INDArray c = Batches.zeros(5, K);
      rng.fillNormal(Batches.buffer(c), 5 * K);
      INDArray gx = Batches.zeros(5, D);
      m.backward(x, c, 1.0, null, gx);
      double worst = 0;
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < D; j++) {
          INDArray xp = x.dup();
          INDArray xm = x.dup();
          xp.putScalar(i, j, x.getDouble(i, j) + 1e-6);
          xm.putScalar(i, j, x.getDouble(i, j) - 1e-6);
          double fd = (m.energies(xp).mul(c).sumNumber().doubleValue() - m.energies(xm).mul(c).sumNumber()
              .doubleValue()) / 2e-6;
          worst = Math.max(worst, Math.abs(fd - gx.getDouble(i, j)));
        }
      }
      assertTrue(worst < 1e-7, m + ": largest |analytic - finite difference| in x = " + worst);
    }
  }

  @Test
  void everyLossTrainsEndToEndWithParameterGradientsMatchingFiniteDifferences() {
    INDArray x = inputs(8, 5);
    int[] labels = {0, 1, 2, 3, 0, 1, 2, 3};
    for (ConditionalEnergy m : models()) {
      for (String name : Losses.NAMES) {
        Loss l = Losses.byName(name, 1.0, 2.0, 1.5);
        INDArray e = m.energies(x);
        INDArray g = Batches.zeros(8, K);
        l.evaluate(e, labels, g);
        INDArray grad = Batches.zeros(m.numParams());
        m.backward(x, g, 1.0, grad, null);
        double worst = 0;
        for (int q = 0; q < m.numParams(); q += 3) {
          double fd = FiniteDifferences.dParam(m, q, 1e-6, () -> l.evaluate(m.energies(x), labels, null));
          worst = Math.max(worst, Math.abs(fd - grad.getDouble(q)));
        }
        assertTrue(worst < 1e-6, m + " with " + name + ": largest |analytic - finite difference| = " + worst);
      }
    }
  }

  @Test
  void asAnEnergyTheModelIsTheFreeEnergyOfTheAnswersWithMatchingGradients() {
    INDArray x = inputs(5, 6);
    for (ConditionalEnergy m : models()) {
      INDArray e = m.energies(x);
      INDArray f = m.energy(x);
      for (int i = 0; i < 5; i++) {
        double z = 0;
        for (int y = 0; y < K; y++) {
          z += Math.exp(-e.getDouble(i, y));
        }
        assertEquals(-Math.log(z), f.getDouble(i), 1e-12);
      }
      INDArray gx = m.gradX(x);
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < D; j++) {
          assertEquals(FiniteDifferences.gradX(m, x, i, j, 1e-6), gx.getDouble(i, j), 1e-7, m + " grad_x F");
        }
      }
      INDArray w = Batches.vector(1, 2, 0.5, -1, 3);
      double[] grad = Batches.toArray(gradOf(m, x, w));
      for (int q = 0; q < m.numParams(); q += 2) {
        double fd = FiniteDifferences.dParam(m, q, 1e-6, () -> m.energy(x).mul(w).sumNumber().doubleValue());
        assertEquals(fd, grad[q], 1e-7, m + " dF/dtheta at " + m.paramNames()[q]);
      }
    }
  }

  private static INDArray gradOf(ConditionalEnergy m, INDArray x, INDArray w) {
    INDArray out = Batches.zeros(m.numParams());
    m.accumulateParamGradient(x, w, 1.0, out);
    return out;
  }

  @Test
  void copiesAreIndependentAndEqualAndSameSeedGivesSameModel() {
    for (ConditionalEnergy m : models()) {
      ConditionalEnergy c = m.copy();
      assertEquals(m.getClass(), c.getClass());
      assertArrayEquals(Batches.toArray(m.params()), Batches.toArray(c.params()), 0);
      c.params().addi(1.0);
      assertTrue(m.params().getDouble(0) != c.params().getDouble(0), "copy must not share parameters");
      assertEquals(m.numParams(), m.paramNames().length);
    }
    assertArrayEquals(Batches.toArray(ConditionalEnergies.mlp(D, K, new int[] {5}, 8L).params()),
        Batches.toArray(ConditionalEnergies.mlp(D, K, new int[] {5}, 8L).params()), 0);
  }

  @Test
  void badShapesAreRefusedNamingTheParameter() {
    var ex = assertThrows(IllegalArgumentException.class, () -> ConditionalEnergies.linear(3, 1, 0L));
    assertTrue(ex.getMessage().contains("classes") && ex.getMessage().contains("1"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> ConditionalEnergies.mlp(3, 2, new int[] {0}, 0L));
    assertTrue(ex.getMessage().contains("hidden"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> ConditionalEnergies.embedding(3, 2, 0, new int[0], 0L));
    assertTrue(ex.getMessage().contains("embedDim"), ex.getMessage());
    LogitEnergy lin = ConditionalEnergies.linear(D, K, 1L);
    ex = assertThrows(IllegalArgumentException.class, () -> lin.energies(Batches.zeros(2, D + 1)));
    assertTrue(ex.getMessage().contains("x"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> lin.backward(Batches.zeros(2, D), Batches.zeros(2, K + 1), 1, null, null));
    assertTrue(ex.getMessage().contains("g must"), ex.getMessage());
  }
}
