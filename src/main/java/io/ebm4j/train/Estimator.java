package io.ebm4j.train;

import io.ebm4j.sample.Chains;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The state of one training run's gradient estimator (walkers, weights, log Z bookkeeping). */
public interface Estimator {
  /** out += the estimated gradient of the loss at the current parameters, using the data minibatch. */
  void gradient(INDArray batch, INDArray out);

  /** Called once the parameters have been updated: moves walkers, updates weights, resamples. */
  default void afterUpdate() {}

  /** Adds this estimator's diagnostics for the current state to a history row. */
  default void record(Map<String, Double> row) {}

  /** The walkers, for methods that keep some; null otherwise. */
  default Chains chains() {
    return null;
  }
}
