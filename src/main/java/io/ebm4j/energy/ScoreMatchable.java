package io.ebm4j.energy;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy that offers Hyvarinen's score-matching objective and its parameter gradient:
 * J(theta) = E_data[ |grad_x U_theta|^2 / 2 - Laplacian_x U_theta ], which equals the Stein (Fisher) divergence
 * E_*[|grad log rho_theta - grad log rho_*|^2] / 2 up to a constant.
 */
public interface ScoreMatchable {
  /** Mean over the rows of x of |grad U|^2/2 - Laplacian U. */
  double scoreMatchingLoss(INDArray x);

  /** out += scale * sum_i d/dtheta (|grad U(x_i)|^2/2 - Laplacian U(x_i)). */
  void accumulateScoreMatchingGradient(INDArray x, double scale, INDArray out);
}
