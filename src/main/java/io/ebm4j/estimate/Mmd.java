package io.ebm4j.estimate;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maximum mean discrepancy with a Gaussian kernel k(a, b) = exp(-|a - b|^2 / (2 sigma^2)) (Gretton, Borgwardt, Rasch,
 * Schoelkopf, Smola, "A Kernel Two-Sample Test", JMLR 2012, https://jmlr.org/papers/v13/gretton12a.html), unbiased:
 *
 * <pre>
 *   MMD^2_u = 1/(n(n-1)) sum_{i != j} k(x_i, x_j) + 1/(m(m-1)) sum_{i != j} k(y_i, y_j) - 2/(n m) sum_{i,j} k(x_i, y_j).
 * </pre>
 *
 * The default bandwidth is the median heuristic: sigma = the median distance between points of the pooled sample
 * (at most the first 1000 rows of each, so the cost stays bounded).
 *
 * <pre>{@code
 * double mmd2 = Mmd.squared(samples, heldOut);            // median bandwidth
 * double fixed = Mmd.squared(samples, heldOut, 0.5);      // sigma = 0.5
 * }</pre>
 */
public final class Mmd {
  private static final int MEDIAN_ROWS = 1000;

  private Mmd() {}

  /** Unbiased MMD^2 with the median-heuristic bandwidth of the pooled sample. */
  public static double squared(INDArray x, INDArray y) {
    INDArray[] s = Pairwise.require(x, y);
    return squared(s[0], s[1], medianBandwidth(s[0], s[1]));
  }

  /** Unbiased MMD^2 with bandwidth sigma. */
  public static double squared(INDArray x, INDArray y, double sigma) {
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
    }
    INDArray[] s = Pairwise.require(x, y);
    double n = s[0].rows();
    double m = s[1].rows();
    double g = 1.0 / (2 * sigma * sigma);
    double kxx = Pairwise.sum(s[0], s[0], true, d2 -> Math.exp(-g * d2)) / (n * (n - 1));
    double kyy = Pairwise.sum(s[1], s[1], true, d2 -> Math.exp(-g * d2)) / (m * (m - 1));
    double kxy = Pairwise.sum(s[0], s[1], false, d2 -> Math.exp(-g * d2)) / (n * m);
    return kxx + kyy - 2 * kxy;
  }

  /** The median distance between distinct points of the pooled sample (first 1000 rows of each). */
  public static double medianBandwidth(INDArray x, INDArray y) {
    INDArray[] s = Pairwise.require(x, y);
    int nx = (int) Math.min(MEDIAN_ROWS, s[0].rows());
    int ny = (int) Math.min(MEDIAN_ROWS, s[1].rows());
    INDArray pooled = org.nd4j.linalg.factory.Nd4j.vstack(rows(s[0], nx), rows(s[1], ny));
    int p = nx + ny;
    double[] d = new double[p * (p - 1) / 2];
    int[] k = {0};
    Pairwise.blocks(pooled, pooled, (from, to, sq, m) -> {
      for (int i = from; i < to; i++) {
        for (int j = i + 1; j < m; j++) {
          d[k[0]++] = Math.sqrt(sq.get((i - from) * m + j));
        }
      }
    });
    java.util.Arrays.sort(d);
    double med = d.length % 2 == 1 ? d[d.length / 2] : 0.5 * (d[d.length / 2 - 1] + d[d.length / 2]);
    if (!(med > 0)) {
      throw new IllegalArgumentException("the median distance of the pooled sample is 0: the points coincide");
    }
    return med;
  }

  private static INDArray rows(INDArray a, int n) {
    return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n), org.nd4j.linalg.indexing.NDArrayIndex.all())
        .dup('c');
  }
}
