package io.ebm4j.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ebm4j.estimate.EffectiveSampleSize;
import io.ebm4j.estimate.WeightSummary;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Chains#normalizedWeights (blocked, vectorised exponential) against the one-pass scalar reference. */
class ChainsNormalizedWeightsTest {
  @Test
  void weightsLogMeanAndEssMatchTheScalarReferenceToRounding() {
    int n = 10_001;
    Chains c = Chains.of(Batches.zeros(n, 2), 2, false);
    DoubleBuffer a = c.logWeightBuffer();
    Rng rng = new Rng(3);
    for (int i = 0; i < n; i++) {
      a.put(i, 40 * rng.uniform() - 30); // weights over ~17 orders of magnitude
    }
    INDArray w = Batches.zeros(n);
    WeightSummary s = c.normalizedWeights(w);
    INDArray ref = Batches.zeros(n);
    WeightSummary r = EffectiveSampleSize.normalize(a, n, Batches.buffer(ref));
    assertEquals(r.logMeanExp(), s.logMeanExp(), 1e-13 * Math.abs(r.logMeanExp()));
    assertEquals(r.essFraction(), s.essFraction(), 1e-13 * r.essFraction());
    for (int i = 0; i < n; i++) {
      double want = ref.getDouble(i);
      assertEquals(want, w.getDouble(i), 4 * Math.ulp(want), "weight " + i);
    }
  }

  @Test
  void nonFiniteLogWeightsAreRefusedWithTheirMaximum() {
    Chains c = Chains.of(Batches.zeros(3, 1), 1, false);
    c.logWeightBuffer().put(1, Double.POSITIVE_INFINITY);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.normalizedWeights(Batches.zeros(3)));
    assertEquals("log-weights are not finite (max = Infinity)", e.getMessage());
  }
}
