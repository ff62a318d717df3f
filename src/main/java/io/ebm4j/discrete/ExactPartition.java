package io.ebm4j.discrete;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exact partition functions, distributions, expectations and samples of small binary models by enumeration. State
 * number s (0 <= s < 2^n) has site i "on" when bit i of s is set. Enumeration runs in blocks of 2^16 states with a
 * running log-sum-exp. For an RBM only the smaller layer is enumerated, the other one summed analytically:
 *
 * <pre>
 *   log Z = logsumexp_h [ c.h + sum_k softplus(b_k + (W^T h)_k) ] = logsumexp_v [ -F(v) ]
 * </pre>
 *
 * and an RBM with all weights zero factorises: log Z = sum_k softplus(b_k) + sum_j softplus(c_j).
 *
 * <pre>{@code
 * double logZ = ExactPartition.logZ(IsingGrid.builder(3, 3).coupling(0.4).build());
 * double[] p = ExactPartition.probabilities(grid);       // [2^9]
 * INDArray moments = ExactPartition.expectedParamGradient(bm); // E_theta[dU/dtheta]
 * }</pre>
 */
public final class ExactPartition {
  /** Largest number of enumerated sites for log Z (2^24 states). */
  public static final int MAX_SITES = 24;
  /** Largest number of sites for which a full probability table is returned (2^20 entries). */
  public static final int MAX_TABLE_SITES = 20;
  private static final int BLOCK = 1 << 16;

  private ExactPartition() {}

  /** log Z of a binary energy with at most {@link #MAX_SITES} sites (an RBM: smaller layer at most that). */
  public static double logZ(BinaryEnergy e) {
    if (e instanceof Rbm r) {
      return logZ(r);
    }
    requireSites(e.dim(), MAX_SITES, "sites");
    return logSumExpOfNegEnergies(e, e.dim());
  }

  private static double logZ(Rbm r) {
    if (r.weightsZero()) {
      double s = 0;
      for (double bk : r.visibleBiasValues()) {
        s += Bin.softplus(bk);
      }
      for (double cj : r.hiddenBiasValues()) {
        s += Bin.softplus(cj);
      }
      return s;
    }
    int nv = r.visible();
    int nh = r.hidden();
    if (nv <= nh) {
      requireSites(nv, MAX_SITES, "min(visible, hidden)");
      return logSumExpOfNegEnergies(r, nv);
    }
    requireSites(nh, MAX_SITES, "min(visible, hidden)");
    final double[] b = r.visibleBiasValues();
    final double[] c = r.hiddenBiasValues();
    long total = 1L << nh;
    double m = Double.NEGATIVE_INFINITY;
    double s = 0;
    for (long start = 0; start < total; start += BLOCK) {
      int rows = (int) Math.min(BLOCK, total - start);
      INDArray h = states(start, rows, nh, Encoding.ZERO_ONE);
      INDArray a = Batches.zeros(rows, nv);
      r.visibleProduct(h, a);
      DoubleBuffer hb = Batches.buffer(h);
      DoubleBuffer ab = Batches.buffer(a);
      for (int i = 0; i < rows; i++) {
        double v = 0;
        for (int j = 0; j < nh; j++) {
          v += c[j] * hb.get(i * nh + j);
        }
        for (int k = 0; k < nv; k++) {
          v += Bin.softplus(b[k] + ab.get(i * nv + k));
        }
        if (v > m) {
          s = s * Math.exp(m - v) + 1;
          m = v;
        } else {
          s += Math.exp(v - m);
        }
      }
    }
    return m + Math.log(s);
  }

  private static double logSumExpOfNegEnergies(BinaryEnergy e, int n) {
    long total = 1L << n;
    double m = Double.NEGATIVE_INFINITY;
    double s = 0;
    for (long start = 0; start < total; start += BLOCK) {
      int rows = (int) Math.min(BLOCK, total - start);
      INDArray x = states(start, rows, n, e.encoding());
      INDArray u = Batches.zeros(rows);
      e.evaluate(x, u, null);
      DoubleBuffer ub = Batches.buffer(u);
      for (int i = 0; i < rows; i++) {
        double v = -ub.get(i);
        if (v > m) {
          s = s * Math.exp(m - v) + 1;
          m = v;
        } else {
          s += Math.exp(v - m);
        }
      }
    }
    return m + Math.log(s);
  }

  /** All 2^n states [2^n, n] in the given encoding, row s being state number s (n at most 20). */
  public static INDArray states(int n, Encoding encoding) {
    requireSites(n, MAX_TABLE_SITES, "n");
    return states(0, 1 << n, n, encoding);
  }

  private static INDArray states(long start, int rows, int n, Encoding enc) {
    INDArray x = Batches.zeros(rows, n);
    DoubleBuffer xb = Batches.buffer(x);
    for (int i = 0; i < rows; i++) {
      long s = start + i;
      for (int k = 0; k < n; k++) {
        xb.put(i * n + k, enc.value(((s >>> k) & 1L) != 0));
      }
    }
    return x;
  }

  /** State number of row i of x: bit k set when site k is on. */
  public static int index(INDArray x, int row) {
    int n = (int) x.columns();
    requireSites(n, 30, "sites");
    int s = 0;
    for (int k = 0; k < n; k++) {
      if (x.getDouble(row, k) > 0) {
        s |= 1 << k;
      }
    }
    return s;
  }

  /** The exact distribution p(s) = e^{-U(s)} / Z over all 2^n states (n at most 20); an RBM's is over v. */
  public static double[] probabilities(BinaryEnergy e) {
    int n = e.dim();
    requireSites(n, MAX_TABLE_SITES, "sites");
    INDArray x = states(n, e.encoding());
    INDArray u = Batches.zeros(x.rows());
    e.evaluate(x, u, null);
    double[] p = Batches.toArray(u);
    double m = Double.POSITIVE_INFINITY;
    for (double v : p) {
      m = Math.min(m, v);
    }
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(m - p[i]);
      s += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= s;
    }
    return p;
  }

  /**
   * E_theta[dU/dtheta] [P] by enumeration (at most 20 sites). Since d log Z / d theta = -E_theta[dU/dtheta], this is
   * the exact negative phase of maximum likelihood; for a {@link BoltzmannMachine} it is minus the model moments.
   */
  public static <T extends BinaryEnergy & TrainableEnergy> INDArray expectedParamGradient(T e) {
    int n = e.dim();
    requireSites(n, MAX_TABLE_SITES, "sites");
    double[] p = probabilities(e);
    INDArray out = Batches.zeros(e.numParams());
    e.accumulateParamGradient(states(n, e.encoding()), Batches.vector(p), 1.0, out);
    return out;
  }

  /**
   * n exact, independent draws of the visible units of an RBM [n, n_v]: the smaller layer is drawn from its
   * enumerated marginal, the other from its factorised conditional (at most 20 units in the smaller layer, or any
   * size when all weights are zero).
   */
  public static INDArray sample(Rbm r, int n, Rng rng) {
    Bin.requirePositive(n, "n");
    int nv = r.visible();
    int nh = r.hidden();
    INDArray v = Batches.zeros(n, nv);
    DoubleBuffer vb = Batches.buffer(v);
    if (r.weightsZero()) {
      double[] b = r.visibleBiasValues();
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < nv; k++) {
          vb.put(i * nv + k, rng.uniform() < Bin.sigmoid(b[k]) ? 1.0 : 0.0);
        }
      }
      return v;
    }
    if (nv <= nh) {
      requireSites(nv, MAX_TABLE_SITES, "min(visible, hidden)");
      double[] cdf = cumulative(probabilities(r));
      for (int i = 0; i < n; i++) {
        int s = draw(cdf, rng.uniform());
        for (int k = 0; k < nv; k++) {
          vb.put(i * nv + k, (s >>> k) & 1);
        }
      }
      return v;
    }
    requireSites(nh, MAX_TABLE_SITES, "min(visible, hidden)");
    // p(h) proportional to exp(c.h + sum_k softplus(b_k + (W^T h)_k)): the free energy of h in the swapped RBM
    Rbm swapped = Rbm.of(nh, nv);
    DoubleBuffer src = Batches.buffer(r.params());
    DoubleBuffer dst = Batches.buffer(swapped.params());
    for (int j = 0; j < nh; j++) {
      for (int k = 0; k < nv; k++) {
        dst.put(k * nh + j, src.get(j * nv + k));
      }
    }
    for (int j = 0; j < nh; j++) {
      dst.put(nv * nh + j, src.get(nh * nv + nv + j));
    }
    for (int k = 0; k < nv; k++) {
      dst.put(nv * nh + nh + k, src.get(nh * nv + k));
    }
    double[] cdf = cumulative(probabilities(swapped));
    INDArray h = Batches.zeros(n, nh);
    DoubleBuffer hb = Batches.buffer(h);
    for (int i = 0; i < n; i++) {
      int s = draw(cdf, rng.uniform());
      for (int j = 0; j < nh; j++) {
        hb.put(i * nh + j, (s >>> j) & 1);
      }
    }
    INDArray pre = Batches.zeros(n, nv);
    r.visiblePre(h, pre);
    DoubleBuffer pb = Batches.buffer(pre);
    for (int q = 0; q < n * nv; q++) {
      vb.put(q, rng.uniform() < Bin.sigmoid(pb.get(q)) ? 1.0 : 0.0);
    }
    return v;
  }

  private static double[] cumulative(double[] p) {
    double[] c = new double[p.length];
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += p[i];
      c[i] = s;
    }
    return c;
  }

  private static int draw(double[] cdf, double u) {
    double t = u * cdf[cdf.length - 1];
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > t) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static void requireSites(int n, int max, String name) {
    if (n > max) {
      throw new IllegalArgumentException(name + " must be at most " + max + " for exact enumeration, got " + n);
    }
  }
}
