package io.ebm4j.train;

import io.ebm4j.energy.TrainableEnergy;
import java.util.Map;

/**
 * Called at every training step k, with the model at theta_k and the estimator's state, before the gradient. On
 * logged steps {@code row} is the history row being built (values put there become columns); otherwise it is null.
 *
 * @param <E> the energy's type
 */
@FunctionalInterface
public interface StepListener<E extends TrainableEnergy> {
  void onStep(int step, E model, Estimator estimator, Map<String, Double> row);

  /** Saves the listener's own state for a checkpoint; stateless listeners (the default) save nothing. */
  default void save(io.ebm4j.nd.State s) {}

  /** Restores what {@link #save} wrote. */
  default void restore(io.ebm4j.nd.State s) {}
}
