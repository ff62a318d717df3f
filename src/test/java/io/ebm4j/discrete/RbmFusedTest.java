package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.util.LinkedHashMap;
import java.util.Map;
import io.ebm4j.random.SplitMix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class RbmFusedTest {
  @Test
  void hiddenProbabilitiesAndGradientEqualTheRbmsOwn() {
    Rbm r = BinaryStates.randomRbm(12, 9, 0.8, 1);
    INDArray v = BinaryStates.random(17, 12, Encoding.ZERO_ONE, 2);
    RbmFused f = new RbmFused(12, 9);
    f.load(r);
    double[] s = new double[17 * 9];
    double[] va = Batches.toArray(v);
    f.hiddenProbabilities(va, 17, s);
    double[] expected = Batches.toArray(r.hiddenProbabilities(v));
    for (int q = 0; q < s.length; q++) {
      assertEquals(expected[q], s[q], 1e-12, "p(h | v) entry " + q);
    }
    f.clear();
    f.accumulate(va, s, 17, 0.3);
    INDArray out = Batches.zeros(r.numParams());
    f.addTo(out);
    INDArray ref = Batches.zeros(r.numParams());
    r.accumulateParamGradient(v, null, 0.3, ref);
    for (int k = 0; k < r.numParams(); k++) {
      assertEquals(ref.getDouble(k), out.getDouble(k), 1e-12, r.paramNames()[k]);
    }
  }

  @Test
  void visibleDrawsFollowTheirConditionalProbabilities() {
    Rbm r = BinaryStates.randomRbm(6, 5, 1.0, 3);
    RbmFused f = new RbmFused(6, 5);
    f.load(r);
    int n = 20_000;
    double[] h = new double[n * 5];
    for (int i = 0; i < n; i++) {
      h[i * 5] = 1;
      h[i * 5 + 3] = 1;
    }
    double[] v = new double[n * 6];
    f.sampleVisible(h, n, v, new double[6], new SplitMix(4));
    INDArray one = Batches.zeros(1, 5);
    one.putScalar(0, 0, 1);
    one.putScalar(0, 3, 1);
    double[] p = Batches.toArray(r.visibleProbabilities(one));
    for (int k = 0; k < 6; k++) {
      double m = 0;
      for (int i = 0; i < n; i++) {
        m += v[i * 6 + k];
      }
      m /= n;
      assertEquals(p[k], m, 4.5 * Math.sqrt(p[k] * (1 - p[k]) / n), "p(v_" + k + " = 1 | h)");
    }
  }

  @Test
  void fusedPcdNegativePhaseMatchesTheExactModelExpectationAndStaysThereUnderSweeps() {
    Rbm r = BinaryStates.randomRbm(8, 6, 0.7, 5);
    INDArray batch = BinaryStates.random(40, 8, Encoding.ZERO_ONE, 6);
    INDArray exact = Batches.zeros(r.numParams());
    r.accumulateParamGradient(batch, null, 1.0 / 40, exact);
    exact.subi(ExactPartition.expectedParamGradient(r));
    RbmMethod.Estimator est = RbmMethods.pcd(1).walkers(20_000).initFromModel().start(r, batch, new Rng(7));
    for (int round = 0; round < 3; round++) {
      INDArray g = Batches.zeros(r.numParams());
      est.gradient(batch, g);
      for (int k = 0; k < r.numParams(); k++) {
        assertEquals(exact.getDouble(k), g.getDouble(k), 0.02, "round " + round + ": " + r.paramNames()[k]);
      }
      for (int t = 0; t < 5; t++) {
        est.afterUpdate();
      }
    }
  }

  @Test
  void fusedCdWithManySweepsApproachesTheExactGradient() {
    Rbm r = BinaryStates.randomRbm(7, 5, 0.6, 8);
    INDArray batch = ExactPartition.sample(r, 10_000, new Rng(9));
    INDArray exact = Batches.zeros(r.numParams());
    r.accumulateParamGradient(batch, null, 1.0 / 10_000, exact);
    exact.subi(ExactPartition.expectedParamGradient(r));
    INDArray g = Batches.zeros(r.numParams());
    RbmMethods.cd(30).start(r, batch, new Rng(10)).gradient(batch, g);
    for (int k = 0; k < r.numParams(); k++) {
      assertEquals(exact.getDouble(k), g.getDouble(k), 0.03, r.paramNames()[k]);
    }
  }

  @Test
  void jarzynskiOnALargeRbmStartsFromTheFactorisedModelWithImportanceWeightsThatGiveLogZ() {
    Rbm r = Rbm.random(22, 21, 0.05, new Rng(11));
    for (int k = 0; k < 22; k++) {
      r.visibleBias().putScalar(0, k, 0.3 * Math.sin(k));
    }
    double exact = ExactPartition.logZ(r);
    RbmMethod.Estimator est = RbmMethods.jarzynski().walkers(4000).start(r, BinaryStates.random(10, 22,
        Encoding.ZERO_ONE, 12), new Rng(13));
    Map<String, Double> row = new LinkedHashMap<>();
    est.record(row);
    assertEquals(exact, row.get("logZ"), 0.01, "log Z from importance-weighted walkers");
    assertEquals(1.0, row.get("essFraction"), 0.1, "ESS/N of the start");
  }
}
