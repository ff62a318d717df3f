package io.ebm4j.discrete;

import io.ebm4j.random.Rng;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A way to estimate the gradient of an RBM's mean negative log-likelihood,
 * grad = mean_batch dF/dtheta(v) - E_theta[dF/dtheta], differing in how the negative phase E_theta is approximated
 * (see {@link RbmMethods}).
 *
 * <pre>{@code
 * RbmMethod m = RbmMethods.jarzynski().walkers(200).resampleBelowEss(0.5);
 * }</pre>
 */
public interface RbmMethod {
  /** A short name ("cd", "pcd", "jarzynski"). */
  String name();

  /** Starts an estimator for training {@code rbm} (the live copy being trained) on data [n, n_v]. */
  Estimator start(Rbm rbm, INDArray data, Rng rng);

  /** The per-run state of a method. */
  interface Estimator {
    /** out += the gradient estimate on a minibatch [B, n_v] at the current parameters. */
    void gradient(INDArray batch, INDArray out);

    /** Called once after every parameter update (moves walkers, updates weights). */
    void afterUpdate();

    /** Adds diagnostics to a history row (e.g. logZ, essFraction). */
    void record(Map<String, Double> row);
  }
}
