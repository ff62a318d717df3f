package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy that offers denoising score matching (Vincent 2011): with x~ = x + sigma eps,
 * J(theta) = E |grad U(x~) - (x~ - x) / sigma^2|^2 / 2, which matches the score of the data smoothed by
 * N(0, sigma^2 I).
 *
 * <p>Its parameter gradient at given noise, sum_i r_i . d grad U(x~_i) / dtheta with the residual r held fixed, is a
 * {@link MixedGradient}: with sigma = 1 and eps = grad U(x) - a, the point x - eps is moved back to x~ = x and the
 * residual is grad U(x) - eps = a. That identity is the default {@link #accumulateMixedGradient}.
 *
 * <p>P. Vincent, "A Connection Between Score Matching and Denoising Autoencoders", Neural Computation 23(7), 2011,
 * https://doi.org/10.1162/NECO_a_00142
 */
public interface DenoisingScoreMatchable extends MixedGradient {
  /** Mean over rows of |grad U(x + sigma eps) - eps / sigma|^2 / 2 for given noise eps [N, d]. */
  double denoisingScoreMatchingLoss(INDArray x, INDArray eps, double sigma);

  /** out += scale * sum_i d/dtheta |grad U(x_i + sigma eps_i) - eps_i / sigma|^2 / 2 for given noise eps [N, d]. */
  void accumulateDenoisingScoreMatchingGradient(INDArray x, INDArray eps, double sigma, double scale, INDArray out);

  /** out += scale * sum_i d/dtheta of the row-i term, with fresh noise from rng; returns the noise drawn. */
  INDArray accumulateDenoisingScoreMatchingGradient(INDArray x, double sigma, Rng rng, double scale, INDArray out);

  /**
   * The mixed gradient through the denoising gradient at sigma = 1 (see the class comment). Costs one extra
   * evaluation of grad U; energies with a direct formula override it.
   */
  @Override
  default void accumulateMixedGradient(INDArray x, INDArray a, double scale, INDArray out) {
    int n = (int) x.rows();
    int d = (int) x.columns();
    INDArray u = Batches.zeros(n);
    INDArray eps = Batches.zeros(n, d);
    ((Energy) this).evaluate(x, u, eps);
    INDArray start = Batches.zeros(n, d);
    DoubleBuffer xb = Batches.buffer(x);
    DoubleBuffer ab = Batches.buffer(a);
    DoubleBuffer eb = Batches.buffer(eps);
    DoubleBuffer sb = Batches.buffer(start);
    for (int q = 0; q < n * d; q++) {
      double e = eb.get(q) - ab.get(q);
      eb.put(q, e);
      sb.put(q, xb.get(q) - e);
    }
    accumulateDenoisingScoreMatchingGradient(start, eps, 1.0, scale, out);
  }
}
