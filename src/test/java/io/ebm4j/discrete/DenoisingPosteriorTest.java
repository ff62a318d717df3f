package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DenoisingPosteriorTest {
  private static INDArray randomSpins(int n, long seed) {
    Rng rng = new Rng(seed);
    INDArray y = Batches.zeros(1, n);
    for (int i = 0; i < n; i++) {
      y.putScalar(0, i, rng.uniform() < 0.5 ? -1.0 : 1.0);
    }
    return y;
  }

  @Test
  void expMinusEnergyIsPriorTimesFlipLikelihoodUpToAConstant() {
    double p = 0.15;
    double j = 0.6;
    INDArray y = randomSpins(9, 1);
    DenoisingPosterior post = DenoisingPosterior.of(y, 3, 3, j, DenoisingPosterior.fieldForFlipProbability(p));
    IsingGrid prior = IsingGrid.builder(3, 3).coupling(j).build();
    INDArray all = ExactPartition.states(9, Encoding.PLUS_MINUS_ONE);
    double[] u = Batches.toArray(post.energy(all));
    double[] u0 = Batches.toArray(prior.energy(all));
    double[] yv = Batches.toArray(y);
    double constant = Double.NaN;
    for (int s = 0; s < u.length; s++) {
      double logLik = 0;
      for (int i = 0; i < 9; i++) {
        logLik += Math.log(all.getDouble(s, i) == yv[i] ? 1 - p : p);
      }
      double c = -u[s] - (-u0[s] + logLik);
      if (s == 0) {
        constant = c;
      }
      assertEquals(constant, c, 1e-12, "state " + s);
    }
  }

  @Test
  void corruptionFlipsTheStatedFractionOfPixels() {
    INDArray clean = Batches.zeros(10, 1000).addi(1.0);
    INDArray y = DenoisingPosterior.corrupt(clean, 0.2, new Rng(3));
    double flipped = y.eq(-1.0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue() / 10_000;
    // binomial sd sqrt(0.2 * 0.8 / 10^4) = 0.004
    assertEquals(0.2, flipped, 0.016, "fraction flipped " + flipped);
    assertEquals(1.0, clean.minNumber().doubleValue(), "the clean images are untouched");
  }

  @Test
  void atTemperatureDividesTheEnergy() {
    DenoisingPosterior post = DenoisingPosterior.of(randomSpins(12, 2), 3, 4, 0.8, 1.1);
    INDArray x = ExactPartition.states(12, Encoding.PLUS_MINUS_ONE);
    INDArray u = post.energy(x);
    INDArray ut = post.atTemperature(0.25).energy(x);
    assertEquals(0.0, u.div(0.25).sub(ut).norm1Number().doubleValue(), 1e-9);
  }

  @Test
  void itSurvivesSerialization() throws Exception {
    DenoisingPosterior post = DenoisingPosterior.of(randomSpins(12, 4), 3, 4, 0.8, 1.1);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(b)) {
      o.writeObject(post);
    }
    DenoisingPosterior back;
    try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
      back = (DenoisingPosterior) i.readObject();
    }
    INDArray x = ExactPartition.states(12, Encoding.PLUS_MINUS_ONE);
    assertEquals(0.0, post.energy(x).sub(back.energy(x)).norm1Number().doubleValue(), 0.0);
  }

  @Test
  void badInputIsRejectedNamingTheParameter() {
    INDArray y = randomSpins(12, 5);
    String m = assertThrows(IllegalArgumentException.class, () -> DenoisingPosterior.of(y, 3, 4, -0.5, 1.0))
        .getMessage();
    assertTrue(m.contains("coupling") && m.contains("-0.5"), m);
    m = assertThrows(IllegalArgumentException.class, () -> DenoisingPosterior.of(y, 4, 4, 0.5, 1.0)).getMessage();
    assertTrue(m.contains("observed") && m.contains("16") && m.contains("12"), m);
    m = assertThrows(IllegalArgumentException.class, () -> DenoisingPosterior.fieldForFlipProbability(0.5))
        .getMessage();
    assertTrue(m.contains("flipProbability") && m.contains("0.5"), m);
    m = assertThrows(IllegalArgumentException.class, () -> DenoisingPosterior.corrupt(y, 0.0, new Rng(0)))
        .getMessage();
    assertTrue(m.contains("flipProbability") && m.contains("0.0"), m);
    m = assertThrows(IllegalArgumentException.class, () -> DenoisingPosterior.of(y.mul(0.5), 3, 4, 0.5, 1.0))
        .getMessage();
    assertTrue(m.contains("observed"), m);
  }
}
