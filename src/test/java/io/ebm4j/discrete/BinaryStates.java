package io.ebm4j.discrete;

import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Random binary batches for tests. */
final class BinaryStates {
  private BinaryStates() {}

  static INDArray random(int n, int d, Encoding enc, long seed) {
    Rng rng = new Rng(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        x[i][k] = enc.value(rng.uniform() < 0.5);
      }
    }
    return Nd4j.createFromArray(x);
  }

  static Rbm randomRbm(int nv, int nh, double scale, long seed) {
    Rng rng = new Rng(seed);
    Rbm r = Rbm.random(nv, nh, scale, rng);
    for (int k = 0; k < nv; k++) {
      r.visibleBias().putScalar(0, k, scale * rng.normal());
    }
    for (int j = 0; j < nh; j++) {
      r.hiddenBias().putScalar(0, j, scale * rng.normal());
    }
    return r;
  }

  /** Total variation distance between an empirical histogram and p. */
  static double tv(long[] counts, double[] p) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += Math.abs((double) counts[i] / total - p[i]);
    }
    return s / 2;
  }
}
