package io.ebm4j.energy;

import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy that offers denoising score matching (Vincent 2011): with x~ = x + sigma eps,
 * J(theta) = E |grad U(x~) - (x~ - x) / sigma^2|^2 / 2, which matches the score of the data smoothed by N(0, sigma^2 I).
 */
public interface DenoisingScoreMatchable {
  /** Mean over rows of |grad U(x + sigma eps) - eps / sigma|^2 / 2 for given noise eps [N, d]. */
  double denoisingScoreMatchingLoss(INDArray x, INDArray eps, double sigma);

  /** out += scale * sum_i d/dtheta of the row-i term, with fresh noise from rng; returns the noise drawn. */
  INDArray accumulateDenoisingScoreMatchingGradient(INDArray x, double sigma, Rng rng, double scale, INDArray out);
}
