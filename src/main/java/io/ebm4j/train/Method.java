package io.ebm4j.train;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a training step estimates the gradient of its loss: an immutable description (exact maximum likelihood, CD-k,
 * PCD, Jarzynski-weighted PCD, score matching...) that starts one {@link Estimator} per run. Maximum-likelihood
 * methods differ only in their negative phase:
 * grad_theta NLL = E_data[dU/dtheta] - E_theta[dU/dtheta].
 *
 * <pre>{@code
 * Method m = Methods.jarzynski(Kernels.ula(0.1)).walkers(10_000).resampleBelowEss(0.5);
 * }</pre>
 */
public interface Method {
  /** A short name for tables and legends, e.g. "jarzynski". */
  String name();

  /** Starts a run on energy e (being trained in place) with training data, drawing randomness from rng. */
  Estimator start(TrainableEnergy e, INDArray data, Rng rng);
}
