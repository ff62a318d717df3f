package io.ebm4j.energy;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy that offers the parameter gradient of its score contracted with a fixed field a:
 * out += scale * sum_i d/dtheta (a_i . grad_x U_theta(x_i)), i.e. a vector-Jacobian product of the mixed second
 * derivative d^2 U / dx dtheta. Every score-matching objective of a composition (a sum U_1 + U_2, a scaled energy
 * beta U) reduces to the objectives of its parts plus such cross terms, so this is what lets compositions keep the
 * score-matching capabilities of their parts.
 *
 * <pre>{@code
 * Gaussian g = Energies.gaussian(new double[] {0, 0}, new double[] {1, 2});
 * INDArray out = Batches.zeros(g.numParams());
 * g.accumulateMixedGradient(x, a, 1.0, out);   // out += sum_i d/dtheta (a_i . grad U(x_i))
 * }</pre>
 */
public interface MixedGradient {
  /** out += scale * sum_i d/dtheta (a_i . grad_x U(x_i)) with a [N, d] held fixed; x, a dense doubles, out [P]. */
  void accumulateMixedGradient(INDArray x, INDArray a, double scale, INDArray out);
}
