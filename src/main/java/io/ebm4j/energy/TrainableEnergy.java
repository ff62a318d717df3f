package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy U_theta with a flat parameter vector theta. Training methods combine
 * {@link #accumulateParamGradient} over data and over model samples:
 * grad_theta NLL = E_data[dU/dtheta] - E_theta[dU/dtheta].
 *
 * <pre>{@code
 * TrainableEnergy u = Energies.twoWells(-10, 10);
 * INDArray grad = Nd4j.zeros(DataType.DOUBLE, u.numParams());
 * u.accumulateParamGradient(data, null, 1.0 / data.rows(), grad); // grad += mean_i dU/dtheta(x_i)
 * }</pre>
 */
public interface TrainableEnergy extends Energy {
  /** The live, flat parameter vector [P]: writing into it changes the energy. */
  INDArray params();

  /** Number of parameters P. */
  default int numParams() {
    return (int) params().length();
  }

  /** A name for each parameter, for histories and error messages. */
  String[] paramNames();

  /**
   * out += scale * sum_i w_i dU/dtheta(x_i), where w is [N] (null meaning all ones). x and w are dense doubles, out
   * is [P]. This is the only parameter-gradient primitive training needs.
   */
  void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out);

  /**
   * {@link #evaluate} and {@link #accumulateParamGradient} at the same points in one call: energies into u [N],
   * grad_x into g [N, d] (g may be null), and out += scale * sum_i w_i dU/dtheta(x_i) (w null: all ones). Energies
   * whose two passes share work (distances, posteriors, activations) override it with one pass; the default calls
   * the two.
   */
  default void evaluateAndAccumulate(INDArray x, INDArray u, INDArray g, INDArray w, double scale, INDArray out) {
    evaluate(x, u, g);
    accumulateParamGradient(x, w, scale, out);
  }

  /** An independent copy with the same parameters (training works on a copy; the caller's energy is unchanged). */
  TrainableEnergy copy();

  /** Replaces the parameters with values (validated: length P, finite). Returns this. */
  default TrainableEnergy setParams(INDArray values) {
    if (values.length() != numParams()) {
      throw new IllegalArgumentException("params must have length " + numParams() + ", got " + values.length());
    }
    INDArray v = Batches.requireWeights(values.reshape(values.length()), numParams(), "params");
    params().assign(v);
    return this;
  }
}
