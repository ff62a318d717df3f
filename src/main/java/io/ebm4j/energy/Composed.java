package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A composed energy, and the capability mixins its classes combine: each nested interface implements one public
 * capability through the {@link Composition}, so a class such as {@code class X extends Base implements
 * Composed.WithScoreMatching} has exactly the capabilities its parts allow, and {@code instanceof} tells the truth.
 */
interface Composed extends Energy {
  /** The arithmetic of this composition. */
  Composition composition();

  /** Mixed gradient, and through it denoising score matching (which needs nothing else). */
  interface WithDenoising extends Composed, DenoisingScoreMatchable {
    @Override
    default void accumulateMixedGradient(INDArray x, INDArray a, double scale, INDArray out) {
      composition().accumulateMixedGradient(Batches.requireBatch(x, dim(), "x"), Batches.requireBatch(a, dim(), "a"),
          scale, out);
    }

    @Override
    default double denoisingScoreMatchingLoss(INDArray x, INDArray eps, double sigma) {
      return Denoising.loss(this, x, eps, sigma);
    }

    @Override
    default void accumulateDenoisingScoreMatchingGradient(INDArray x, INDArray eps, double sigma, double scale,
        INDArray out) {
      Denoising.accumulate(this, x, eps, sigma, scale, out);
    }

    @Override
    default INDArray accumulateDenoisingScoreMatchingGradient(INDArray x, double sigma, Rng rng, double scale,
        INDArray out) {
      INDArray xs = Batches.requireBatch(x, dim(), "x");
      Denoising.requireSigma(sigma);
      INDArray eps = Denoising.noise(rng, xs.rows(), dim());
      Denoising.accumulate(this, xs, eps, sigma, scale, out);
      return eps;
    }
  }

  /** Hyvarinen score matching. */
  interface WithScoreMatching extends WithDenoising, ScoreMatchable {
    @Override
    default double scoreMatchingLoss(INDArray x) {
      return composition().scoreMatchingLoss(Batches.requireBatch(x, dim(), "x"));
    }

    @Override
    default void accumulateScoreMatchingGradient(INDArray x, double scale, INDArray out) {
      composition().accumulateScoreMatchingGradient(Batches.requireBatch(x, dim(), "x"), scale, out);
    }
  }

  /** Sliced score matching. */
  interface WithSliced extends WithDenoising, SlicedScoreMatchable {
    @Override
    default double slicedScoreMatchingLoss(INDArray x, INDArray v) {
      INDArray xs = Batches.requireBatch(x, dim(), "x");
      return composition().slicedScoreMatchingLoss(xs, projections(v, xs));
    }

    @Override
    default void accumulateSlicedScoreMatchingGradient(INDArray x, INDArray v, double scale, INDArray out) {
      INDArray xs = Batches.requireBatch(x, dim(), "x");
      composition().accumulateSlicedScoreMatchingGradient(xs, projections(v, xs), scale, out);
    }

    private INDArray projections(INDArray v, INDArray xs) {
      INDArray vs = Batches.requireBatch(v, dim(), "v");
      if (vs.rows() != xs.rows()) {
        throw new IllegalArgumentException("v must have as many rows as x (" + xs.rows() + "), got " + vs.rows());
      }
      return vs;
    }
  }

  /** Exact normalizing constant and exact draws, for every temperature (so they compose again). */
  interface WithExact extends Composed, ExactNormalizer, ExactSampler, Temperable {
    @Override
    default double logZ() {
      return composition().logZ(1.0);
    }

    @Override
    default void accumulateLogZGradient(double scale, INDArray out) {
      composition().accumulateLogZGradient(1.0, scale, out);
    }

    @Override
    default INDArray sample(int n, Rng rng) {
      return composition().sample(1.0, n, rng);
    }

    @Override
    default double logZ(double beta) {
      return composition().logZ(beta);
    }

    @Override
    default void accumulateLogZGradient(double beta, double scale, INDArray out) {
      composition().accumulateLogZGradient(beta, scale, out);
    }

    @Override
    default INDArray sample(double beta, int n, Rng rng) {
      return composition().sample(beta, n, rng);
    }
  }
}
