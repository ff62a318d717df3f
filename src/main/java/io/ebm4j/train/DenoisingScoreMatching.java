package io.ebm4j.train;

import io.ebm4j.energy.DenoisingScoreMatchable;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Denoising score matching at noise level sigma: each step perturbs the batch, x~ = x + sigma eps, and fits
 * -grad U(x~) to the denoising direction -(x~ - x)/sigma^2. Learns the score of the data convolved with
 * N(0, sigma^2 I), so sigma trades bias for variance.
 */
final class DenoisingScoreMatching implements Method {
  private final double sigma;

  DenoisingScoreMatching(double sigma) {
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
    }
    this.sigma = sigma;
  }

  @Override
  public String name() {
    return "denoising-score-matching";
  }

  @Override
  public Estimator start(TrainableEnergy e, INDArray data, Rng rng) {
    if (!(e instanceof DenoisingScoreMatchable sm)) {
      throw new IllegalArgumentException("method denoising-score-matching needs an energy implementing"
          + " DenoisingScoreMatchable, got " + e.getClass().getSimpleName());
    }
    return new Estimator() {
      @Override
      public void gradient(INDArray batch, INDArray out) {
        sm.accumulateDenoisingScoreMatchingGradient(batch, sigma, rng, 1.0 / batch.rows(), out);
      }

      @Override
      public void save(io.ebm4j.nd.State s) {}

      @Override
      public void restore(io.ebm4j.nd.State s) {}
    };
  }
}
