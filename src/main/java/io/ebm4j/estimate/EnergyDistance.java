package io.ebm4j.estimate;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The energy distance of Szekely and Rizzo ("Energy statistics: A class of statistics based on distances", Journal of
 * Statistical Planning and Inference 2013, https://doi.org/10.1016/j.jspi.2013.03.018),
 *
 * <pre>
 *   D^2(P, Q) = 2 E|X - Y| - E|X - X'| - E|Y - Y'|,
 * </pre>
 *
 * with the within-sample terms as U-statistics (pairs i != j). It is zero if and only if P = Q (finite first moments).
 *
 * <pre>{@code
 * double e = EnergyDistance.squared(samples, heldOut);
 * }</pre>
 */
public final class EnergyDistance {
  private EnergyDistance() {}

  /** The estimate of D^2 = 2 E|X - Y| - E|X - X'| - E|Y - Y'| from samples x [n, d] and y [m, d]. */
  public static double squared(INDArray x, INDArray y) {
    INDArray[] s = Pairwise.require(x, y);
    double n = s[0].rows();
    double m = s[1].rows();
    double xy = Pairwise.sum(s[0], s[1], false, Math::sqrt) / (n * m);
    double xx = Pairwise.sum(s[0], s[0], true, Math::sqrt) / (n * (n - 1));
    double yy = Pairwise.sum(s[1], s[1], true, Math::sqrt) / (m * (m - 1));
    return 2 * xy - xx - yy;
  }
}
