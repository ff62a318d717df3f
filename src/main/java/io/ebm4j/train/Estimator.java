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

  /**
   * Saves the estimator's state for a checkpoint (walkers, weights, running sums, its kernel's adaptation; the
   * random stream it was given is saved by the training loop). Methods that cannot resume throw.
   */
  default void save(io.ebm4j.nd.State s) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot save a checkpoint");
  }

  /** Restores what {@link #save} wrote, into an estimator started with the same method, energy and data. */
  default void restore(io.ebm4j.nd.State s) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot resume from a checkpoint");
  }

  /** The walkers, for methods that keep some; null otherwise. */
  default Chains chains() {
    return null;
  }
}
