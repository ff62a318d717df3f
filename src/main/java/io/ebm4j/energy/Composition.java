package io.ebm4j.energy;

import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arithmetic of a composed energy (a sum of parts, a scaled energy) for each capability, written once in terms of
 * the parts' own capabilities. The classes that expose it pick the capability interfaces their parts support (see
 * {@link Composed}); a method is only called when its capability was picked.
 */
abstract class Composition {
  /** out += scale * sum_i d/dtheta (a_i . grad U(x_i)). */
  abstract void accumulateMixedGradient(INDArray x, INDArray a, double scale, INDArray out);

  abstract double scoreMatchingLoss(INDArray x);

  abstract void accumulateScoreMatchingGradient(INDArray x, double scale, INDArray out);

  abstract double slicedScoreMatchingLoss(INDArray x, INDArray v);

  abstract void accumulateSlicedScoreMatchingGradient(INDArray x, INDArray v, double scale, INDArray out);

  /** log Z(beta) of exp(-beta U), for compositions that stay in closed form under tempering. */
  double logZ(double beta) {
    throw new UnsupportedOperationException("this composition has no closed-form normalizing constant");
  }

  void accumulateLogZGradient(double beta, double scale, INDArray out) {
    throw new UnsupportedOperationException("this composition has no closed-form normalizing constant");
  }

  INDArray sample(double beta, int n, Rng rng) {
    throw new UnsupportedOperationException("this composition has no exact sampler");
  }
}
