package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shared pieces of the RBM methods: the weighted negative phase from chains, and walker starts. */
final class RbmNegativePhase {
  private RbmNegativePhase() {}

  /** out += scale * sum_i w_i dF/dtheta(X_i), reusing the block-Gibbs cache of hidden pre-activations if present. */
  static void accumulate(Rbm rbm, BinaryChains c, INDArray w, double scale, INDArray out) {
    if (c.pre != null && c.pre.columns() == rbm.hidden()) {
      if (c.hidden == null || c.hidden.columns() != rbm.hidden()) {
        c.hidden = Batches.zeros(c.n, rbm.hidden());
      }
      rbm.accumulateFromPre(c.x, c.pre, w, scale, out, c.hidden);
    } else {
      rbm.accumulateParamGradient(c.x, w, scale, out);
    }
  }

  /** n random rows of data (with replacement). */
  static INDArray dataRows(INDArray data, int n, Rng rng) {
    int d = (int) data.columns();
    int rows = (int) data.rows();
    INDArray x = Batches.zeros(n, d);
    java.nio.DoubleBuffer src = Batches.buffer(data);
    java.nio.DoubleBuffer dst = Batches.buffer(x);
    for (int i = 0; i < n; i++) {
      int r = rng.nextInt(rows);
      for (int k = 0; k < d; k++) {
        dst.put(i * d + k, src.get(r * d + k));
      }
    }
    return x;
  }

  static void requireWalkers(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("walkers must be at least 1, got " + n);
    }
  }

  static void requireSweeps(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("sweeps must be at least 1, got " + k);
    }
  }
}
