package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy U: R^d -> R defining the density rho(x) = exp(-U(x)) / Z. Everything works on a batch of points
 * x of shape [N, d]: one call evaluates all N points.
 *
 * <pre>{@code
 * Energy u = Energies.twoWells(-10, 10).withMassOfB(0.8);
 * INDArray x = Nd4j.createFromArray(new double[][] {{-10}, {0}, {10}});
 * INDArray energies = u.energy(x);   // [3]
 * INDArray grads = u.gradX(x);       // [3, 1]
 * }</pre>
 */
public interface Energy {
  /** Dimension d of the points. */
  int dim();

  /**
   * The working call: writes U(x_i) into {@code u[i]} and, when {@code g} is not null, grad_x U(x_i) into row i of
   * {@code g}. All arrays are dense doubles (see {@link Batches#isDense}); x is [N, d], u is [N], g is [N, d]. No
   * validation is done here: samplers call it in their inner loop. Use {@link #energy} and {@link #gradX} from user
   * code.
   */
  void evaluate(INDArray x, INDArray u, INDArray g);

  /** U(x_i) for a validated batch x [N, d]; returns [N]. */
  default INDArray energy(INDArray x) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    INDArray u = Batches.zeros(xs.rows());
    evaluate(xs, u, null);
    return u;
  }

  /** grad_x U(x_i) for a validated batch x [N, d]; returns [N, d]. */
  default INDArray gradX(INDArray x) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    INDArray u = Batches.zeros(xs.rows());
    INDArray g = Batches.zeros(xs.rows(), dim());
    evaluate(xs, u, g);
    return g;
  }
}
