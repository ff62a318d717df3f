package io.ebm4j.energy;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy whose normalizing constant Z_theta = integral of exp(-U_theta) is known in closed form, together with its
 * gradient. Since d log Z / d theta = -E_theta[dU/dtheta], this gives the exact negative phase of maximum likelihood.
 */
public interface ExactNormalizer {
  /** log Z at the current parameters. */
  double logZ();

  /** out += scale * d log Z / d theta (out is [P]). */
  void accumulateLogZGradient(double scale, INDArray out);
}
