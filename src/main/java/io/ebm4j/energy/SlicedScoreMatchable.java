package io.ebm4j.energy;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy that offers sliced score matching (Song et al. 2019): with random projections v (E[v v^T] = I),
 * J(theta) = E_data E_v[ -v^T Hess U v + (v . grad U)^2 / 2 ], whose expectation over v is Hyvarinen's objective,
 * at the cost of one Hessian-vector product instead of d.
 */
public interface SlicedScoreMatchable {
  /** Mean over rows of -v^T Hess U v + (v . grad U)^2 / 2 for projections v [N, d]. */
  double slicedScoreMatchingLoss(INDArray x, INDArray v);

  /** out += scale * sum_i d/dtheta of the row-i term above. */
  void accumulateSlicedScoreMatchingGradient(INDArray x, INDArray v, double scale, INDArray out);
}
