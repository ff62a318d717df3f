package io.ebm4j.train;

import io.ebm4j.energy.TrainableEnergy;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The positive phase shared by the maximum-likelihood methods. */
final class Likelihood {
  private Likelihood() {}

  /** out += (1/B) sum_{x in batch} dU/dtheta(x). */
  static void positive(TrainableEnergy e, INDArray batch, INDArray out) {
    e.accumulateParamGradient(batch, null, 1.0 / batch.rows(), out);
  }
}
