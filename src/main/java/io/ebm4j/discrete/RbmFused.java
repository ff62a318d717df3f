package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.VecMath;
import java.nio.DoubleBuffer;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fused Java loops for the small-batch work of RBM training (minibatches of tens of rows, walkers in the hundreds),
 * where one ND4J call costs more than the arithmetic. Visible and hidden states are binary, so every product with W is
 * a sum of the rows (or columns) of W picked by the units that are on: p(h | v) pre-activations c + sum_{k: v_k = 1}
 * W_{:,k} read a transposed copy W^T [n_v, n_h] contiguously, p(v | h) pre-activations b + sum_{j: h_j = 1} W_{j,:}
 * read W row by row, and the weight gradient -S^T V adds the row s_i into row k of a transposed accumulator for every
 * k with v_ik = 1. The inner loops are contiguous additions the JIT vectorises. One thread, one random stream:
 * same seed, same numbers.
 */
final class RbmFused {
  final int nv;
  final int nh;
  final double[] w;
  final double[] wt;
  final double[] b;
  final double[] c;
  /** Transposed weight-gradient accumulator [n_v, n_h], and bias accumulators. */
  private final double[] gwt;
  private final double[] gb;
  private final double[] gc;
  private final int[] on;
  private double[] g;

  RbmFused(int nv, int nh) {
    this.nv = nv;
    this.nh = nh;
    this.w = new double[nh * nv];
    this.wt = new double[nv * nh];
    this.b = new double[nv];
    this.c = new double[nh];
    this.gwt = new double[nv * nh];
    this.gb = new double[nv];
    this.gc = new double[nh];
    this.on = new int[Math.max(nv, nh)];
  }

  /** Snapshot of the RBM's current parameters (W, its transpose, b, c). */
  void load(Rbm rbm) {
    DoubleBuffer p = Batches.buffer(rbm.params());
    p.get(0, w);
    p.get(nh * nv, b);
    p.get(nh * nv + nv, c);
    for (int j = 0; j < nh; j++) {
      int row = j * nv;
      for (int k = 0; k < nv; k++) {
        wt[k * nh + j] = w[row + k];
      }
    }
  }

  /** Rows of a dense [n, n_v] batch as a Java array (reusing {@code into} when it is large enough). */
  static double[] rows(INDArray batch, double[] into) {
    int len = (int) batch.length();
    double[] out = into != null && into.length >= len ? into : new double[len];
    Batches.buffer(batch).get(0, out, 0, len);
    return out;
  }

  /** s [n, n_h] = sigmoid(c + v W^T) for binary v [n, n_v]. */
  void hiddenProbabilities(double[] v, int n, double[] s) {
    for (int i = 0; i < n; i++) {
      int off = i * nh;
      System.arraycopy(c, 0, s, off, nh);
      int m = active(v, i * nv, nv);
      for (int a = 0; a < m; a++) {
        int wo = on[a] * nh;
        for (int j = 0; j < nh; j++) {
          s[off + j] += wt[wo + j];
        }
      }
      // sigmoid(x) = 1 / (1 + e^{-x}) with the row's exponentials at once (vectorised by VecMath)
      for (int j = 0; j < nh; j++) {
        s[off + j] = -s[off + j];
      }
      VecMath.exp(s, off, nh);
      for (int j = 0; j < nh; j++) {
        s[off + j] = 1.0 / (1.0 + s[off + j]);
      }
    }
  }

  /** h [len] ~ Bernoulli(s): h = 1 exactly when u < s, u uniform on [0, 1). */
  void sample(double[] s, int len, double[] h, SplitMix r) {
    for (int q = 0; q < len; q++) {
      h[q] = below(r.nextDouble(), s[q]);
    }
  }

  /** v [n, n_v] ~ Bernoulli(sigmoid(b + h W)) for binary h [n, n_h]; {@code pre} [n_v] is scratch. */
  void sampleVisible(double[] h, int n, double[] v, double[] pre, SplitMix r) {
    for (int i = 0; i < n; i++) {
      System.arraycopy(b, 0, pre, 0, nv);
      int m = active(h, i * nh, nh);
      for (int a = 0; a < m; a++) {
        int wo = on[a] * nv;
        for (int k = 0; k < nv; k++) {
          pre[k] += w[wo + k];
        }
      }
      int vo = i * nv;
      for (int k = 0; k < nv; k++) {
        pre[k] = -pre[k];
      }
      VecMath.exp(pre, 0, nv);
      for (int k = 0; k < nv; k++) {
        v[vo + k] = below(r.nextDouble(), 1.0 / (1.0 + pre[k])); // sigmoid, as in hiddenProbabilities
      }
    }
  }

  /**
   * Writes the indices of the units that are on in x[from, from + len) into {@link #on} and returns their number.
   * Branch-free: random binary patterns would defeat the branch predictor.
   */
  private int active(double[] x, int from, int len) {
    int m = 0;
    for (int k = 0; k < len; k++) {
      on[m] = k;
      m += (int) x[from + k];
    }
    return m;
  }

  /** 1.0 when u < p else 0.0, from the sign bit of u - p (branch-free). */
  private static double below(double u, double p) {
    return (double) (Double.doubleToRawLongBits(u - p) >>> 63);
  }

  /** Clears the gradient accumulators. */
  void clear() {
    java.util.Arrays.fill(gwt, 0.0);
    java.util.Arrays.fill(gb, 0.0);
    java.util.Arrays.fill(gc, 0.0);
  }

  /**
   * accumulators += scale * sum_i dF/dtheta(v_i) given s_i = sigmoid(c + W v_i): dF/dW_jk = -s_ij v_ik, dF/db =
   * -v_i, dF/dc = -s_i.
   */
  void accumulate(double[] v, double[] s, int n, double scale) {
    for (int i = 0; i < n; i++) {
      int so = i * nh;
      int vo = i * nv;
      for (int k = 0; k < nv; k++) {
        gb[k] -= scale * v[vo + k];
      }
      int m = active(v, vo, nv);
      for (int a = 0; a < m; a++) {
        int go = on[a] * nh;
        for (int j = 0; j < nh; j++) {
          gwt[go + j] -= scale * s[so + j];
        }
      }
      for (int j = 0; j < nh; j++) {
        gc[j] -= scale * s[so + j];
      }
    }
  }

  /** out [P] += the accumulated gradient in the RBM's parameter layout (W row-major, b, c). */
  void addTo(INDArray out) {
    int p = nh * nv + nv + nh;
    if (out.length() != p) {
      throw new IllegalArgumentException("out must have length " + p + ", got " + out.length());
    }
    if (g == null) {
      g = new double[p];
    }
    boolean bulk = Bin.contiguousVector(out);
    DoubleBuffer ob = bulk ? out.data().asNioDouble() : null;
    int off = bulk ? (int) out.offset() : 0;
    if (bulk) {
      ob.get(off, g);
    } else {
      java.util.Arrays.fill(g, 0.0);
    }
    for (int k = 0; k < nv; k++) {
      int go = k * nh;
      for (int j = 0; j < nh; j++) {
        g[j * nv + k] += gwt[go + j];
      }
    }
    for (int k = 0; k < nv; k++) {
      g[nh * nv + k] += gb[k];
    }
    for (int j = 0; j < nh; j++) {
      g[nh * nv + nv + j] += gc[j];
    }
    if (bulk) {
      ob.put(off, g);
    } else {
      Bin.addInto(out, g, 1.0);
    }
  }
}
