package io.ebm4j.estimate;

import io.ebm4j.nd.Batches;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maximum-likelihood intrinsic dimension of Levina and Bickel ("Maximum Likelihood Estimation of Intrinsic Dimension",
 * NeurIPS 2004, https://papers.nips.cc/paper/2577-maximum-likelihood-estimation-of-intrinsic-dimension). With T_j(x)
 * the distance from x to its j-th nearest neighbour, the estimate at a point is
 *
 * <pre>
 *   m_k(x) = [ 1/(k-1) sum_{j=1}^{k-1} log(T_k(x) / T_j(x)) ]^{-1},
 * </pre>
 *
 * and two averages over the n points are reported, each then averaged over k = kMin..kMax:
 * <ul>
 *   <li>{@link Estimate#levinaBickel}: the paper's mean of m_k(x_i), which reads high (the mean of inverses of an
 *       unbiased estimate of 1/m);
 *   <li>{@link Estimate#corrected}: MacKay and Ghahramani's correction ("Comments on 'Maximum Likelihood Estimation of
 *       Intrinsic Dimension' by E. Levina and P. Bickel", 2005, http://www.inference.org.uk/mackay/dimension/): the
 *       inverse of the mean of 1/m_k(x_i).
 * </ul>
 *
 * <pre>{@code
 * IntrinsicDimension.Estimate e = IntrinsicDimension.of(x, 10, 20);
 * e.corrected();     // about 2 for points on a surface
 * }</pre>
 */
public final class IntrinsicDimension {
  private IntrinsicDimension() {}

  /**
   * Both averages.
   *
   * @param levinaBickel mean over k of the mean over points of m_k(x_i)
   * @param corrected mean over k of [mean over points of 1/m_k(x_i)]^{-1}
   * @param kMin smallest neighbour count
   * @param kMax largest neighbour count
   */
  public record Estimate(double levinaBickel, double corrected, int kMin, int kMax) {}

  /** Estimates from x [n, d] with neighbour counts k = kMin..kMax (2 <= kMin <= kMax < n). */
  public static Estimate of(INDArray x, int kMin, int kMax) {
    if (x == null || x.rank() != 2) {
      throw new IllegalArgumentException("x must be an [n, d] batch, got "
          + (x == null ? "null" : java.util.Arrays.toString(x.shape())));
    }
    INDArray xs = Batches.requireBatch(x, (int) x.columns(), "x");
    int n = (int) xs.rows();
    if (kMin < 2 || kMax < kMin || kMax >= n) {
      throw new IllegalArgumentException("need 2 <= kMin <= kMax < n (n = " + n + "), got kMin " + kMin + ", kMax "
          + kMax);
    }
    double[][] nn = new double[n][];
    java.nio.DoubleBuffer xb = Batches.buffer(xs);
    int d = (int) xs.columns();
    int candidates = Math.min(n - 1, kMax + 8);
    Pairwise.blocks(xs, xs, (from, to, sq, m) -> {
      for (int i = from; i < to; i++) {
        nn[i] = exact(xb, d, i, nearest(sq, (i - from) * m, m, i, candidates), kMax);
      }
    });
    double lb = 0;
    double mg = 0;
    for (int k = kMin; k <= kMax; k++) {
      double sumM = 0;
      double sumInv = 0;
      for (int i = 0; i < n; i++) {
        double[] t = nn[i];
        double logTk = 0.5 * Math.log(t[k - 1]);
        double s = 0;
        for (int j = 0; j < k - 1; j++) {
          s += logTk - 0.5 * Math.log(t[j]);
        }
        double inv = s / (k - 1);
        if (!(inv > 0) || !Double.isFinite(inv)) {
          throw new IllegalArgumentException("x has duplicate points or coincident neighbours at row " + i
              + " (k = " + k + ")");
        }
        sumInv += inv;
        sumM += 1 / inv;
      }
      lb += sumM / n;
      mg += n / sumInv;
    }
    int count = kMax - kMin + 1;
    return new Estimate(lb / count, mg / count, kMin, kMax);
  }

  /**
   * Indices of the k smallest squared distances in a row (skipping the point itself), from the gemm expansion
   * |x|^2 + |y|^2 - 2 x.y; its cancellation blurs very small distances, so a few more candidates than needed are kept
   * and {@link #exact} recomputes them.
   */
  private static int[] nearest(java.nio.DoubleBuffer sq, int offset, int m, int self, int k) {
    double[] best = new double[k];
    int[] idx = new int[k];
    java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
    for (int j = 0; j < m; j++) {
      if (j == self) {
        continue;
      }
      double v = sq.get(offset + j);
      if (v < best[k - 1]) {
        int p = k - 1;
        while (p > 0 && best[p - 1] > v) {
          best[p] = best[p - 1];
          idx[p] = idx[p - 1];
          p--;
        }
        best[p] = v;
        idx[p] = j;
      }
    }
    return idx;
  }

  /** The k smallest exact squared distances from row i to the candidate rows, ascending. */
  private static double[] exact(java.nio.DoubleBuffer x, int d, int i, int[] candidates, int k) {
    double[] dist = new double[candidates.length];
    for (int c = 0; c < candidates.length; c++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        double t = x.get(i * d + j) - x.get(candidates[c] * d + j);
        s += t * t;
      }
      dist[c] = s;
    }
    java.util.Arrays.sort(dist);
    if (!(dist[0] > 0)) {
      throw new IllegalArgumentException("x has duplicate points: row " + i + " has a neighbour at distance 0");
    }
    return java.util.Arrays.copyOf(dist, k);
  }
}
