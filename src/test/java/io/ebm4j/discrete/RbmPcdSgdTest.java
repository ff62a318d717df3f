package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.SplitMix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The single-precision fused PCD loop is the SGD step of the double-precision estimator, and its walkers sample the
 * model: checked against the exact gradient and against exact marginals by enumeration.
 */
class RbmPcdSgdTest {
  @Test
  void oneUpdateIsThetaMinusLearningRateTimesTheDataMinusWalkerGradient() {
    Rbm r = BinaryStates.randomRbm(12, 9, 0.8, 1); // sizes that are not multiples of 16 exercise the padding
    INDArray x0 = BinaryStates.random(30, 12, Encoding.ZERO_ONE, 2);
    INDArray batch = BinaryStates.random(17, 12, Encoding.ZERO_ONE, 3);
    double lr = 0.3;
    INDArray g = Batches.zeros(r.numParams());
    r.accumulateParamGradient(batch, null, 1.0 / 17, g);
    r.accumulateParamGradient(x0, null, -1.0 / 30, g);
    double[] expected = Batches.toArray(r.params().sub(g.mul(lr)));
    RbmPcdSgd sgd = new RbmPcdSgd(r, Batches.toArray(x0), 30, 1, new SplitMix(4));
    sgd.update(Batches.toArray(batch), 17, lr);
    sgd.store();
    double[] got = Batches.toArray(r.params());
    for (int q = 0; q < got.length; q++) {
      assertEquals(expected[q], got[q], 2e-6, r.paramNames()[q]);
    }
  }

  @Test
  void walkersSampleTheModelWhileTheParametersStandStill() {
    int nv = 8;
    int nh = 6;
    int n = 20_000;
    Rbm r = BinaryStates.randomRbm(nv, nh, 0.9, 5);
    double[] exact = exactVisibleMeans(r);
    RbmPcdSgd sgd = new RbmPcdSgd(r, Batches.toArray(BinaryStates.random(n, nv, Encoding.ZERO_ONE, 6)), n, 1,
        new SplitMix(7));
    double[] rows = Batches.toArray(BinaryStates.random(4, nv, Encoding.ZERO_ONE, 8));
    for (int t = 0; t < 30; t++) {
      sgd.update(rows, 4, 1e-30); // a step far below float resolution: the parameters do not move
    }
    float[] x = sgd.walkers();
    for (int k = 0; k < nv; k++) {
      double m = 0;
      for (int i = 0; i < n; i++) {
        m += x[i * nv + k];
      }
      m /= n;
      double se = Math.sqrt(exact[k] * (1 - exact[k]) / n);
      assertEquals(exact[k], m, 4.5 * se, "E[v_" + k + "]");
    }
  }

  @Test
  void nonFiniteParametersAreNamed() {
    Rbm r = BinaryStates.randomRbm(5, 4, 0.5, 9);
    RbmPcdSgd sgd = new RbmPcdSgd(r, Batches.toArray(BinaryStates.random(3, 5, Encoding.ZERO_ONE, 10)), 3, 1,
        new SplitMix(11));
    assertEquals(null, sgd.firstNonFinite());
    sgd.update(Batches.toArray(BinaryStates.random(2, 5, Encoding.ZERO_ONE, 12)), 2, Double.MAX_VALUE);
    String bad = sgd.firstNonFinite();
    assertTrue(bad != null && bad.contains("= "), "reported " + bad);
  }

  /** E[v] by summing over the hidden states: p(h) proportional to e^{c.h} prod_k (1 + e^{b_k + (W^T h)_k}). */
  private static double[] exactVisibleMeans(Rbm r) {
    int nv = r.visible();
    int nh = r.hidden();
    double[] p = Batches.toArray(r.params());
    double[] mean = new double[nv];
    double z = 0;
    double[] logw = new double[1 << nh];
    double max = Double.NEGATIVE_INFINITY;
    for (int h = 0; h < 1 << nh; h++) {
      double lw = 0;
      for (int j = 0; j < nh; j++) {
        lw += ((h >> j) & 1) * p[nh * nv + nv + j];
      }
      for (int k = 0; k < nv; k++) {
        lw += Math.log1p(Math.exp(pre(p, nv, nh, h, k)));
      }
      logw[h] = lw;
      max = Math.max(max, lw);
    }
    for (int h = 0; h < 1 << nh; h++) {
      double w = Math.exp(logw[h] - max);
      z += w;
      for (int k = 0; k < nv; k++) {
        mean[k] += w / (1 + Math.exp(-pre(p, nv, nh, h, k)));
      }
    }
    for (int k = 0; k < nv; k++) {
      mean[k] /= z;
    }
    return mean;
  }

  private static double pre(double[] p, int nv, int nh, int h, int k) {
    double a = p[nh * nv + k];
    for (int j = 0; j < nh; j++) {
      a += ((h >> j) & 1) * p[j * nv + k];
    }
    return a;
  }
}
