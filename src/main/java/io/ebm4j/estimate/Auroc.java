package io.ebm4j.estimate;

import java.util.Arrays;

/**
 * The area under the ROC curve of a score that should be higher on positives than on negatives (e.g. in- vs
 * out-of-distribution: max_y p(y | x), or -E(x)). It equals the probability that a random positive outscores a random
 * negative, ties counting one half (the Mann-Whitney statistic, Hanley and McNeil, "The meaning and use of the area
 * under a receiver operating characteristic (ROC) curve", Radiology 1982, https://doi.org/10.1148/radiology.143.1.7063747),
 * computed from mid-ranks in O((n + m) log(n + m)):
 *
 * <pre>
 *   AUROC = (R_pos - n_pos (n_pos + 1) / 2) / (n_pos n_neg),   R_pos = sum of the positives' ranks in the pooled sample.
 * </pre>
 *
 * <pre>{@code
 * double auc = Auroc.of(scoresInDistribution, scoresOutOfDistribution);   // 1 = perfectly separated, 0.5 = chance
 * }</pre>
 */
public final class Auroc {
  private Auroc() {}

  /** P(positive > negative) + P(tie) / 2 over all pairs. */
  public static double of(double[] positives, double[] negatives) {
    if (positives == null || positives.length == 0 || negatives == null || negatives.length == 0) {
      throw new IllegalArgumentException("positives and negatives must be non-empty, got "
          + (positives == null ? "null" : positives.length) + " and " + (negatives == null ? "null" : negatives.length));
    }
    int n = positives.length;
    int m = negatives.length;
    double[][] pooled = new double[n + m][];
    for (int i = 0; i < n; i++) {
      pooled[i] = new double[] {require(positives[i], "positives", i), 1};
    }
    for (int i = 0; i < m; i++) {
      pooled[n + i] = new double[] {require(negatives[i], "negatives", i), 0};
    }
    Arrays.sort(pooled, (a, b) -> Double.compare(a[0], b[0]));
    double rankSum = 0;
    int i = 0;
    while (i < pooled.length) {
      int j = i;
      while (j + 1 < pooled.length && pooled[j + 1][0] == pooled[i][0]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int q = i; q <= j; q++) {
        rankSum += pooled[q][1] * midRank;
      }
      i = j + 1;
    }
    return (rankSum - n * (n + 1) / 2.0) / ((double) n * m);
  }

  private static double require(double v, String name, int i) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite, got " + v + " at " + i);
    }
    return v;
  }
}
