package io.ebm4j.conditional;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A conditional energy E(W, y, x) over a continuous answer y in R^m given x in R^d, with its gradient in y, for
 * inference by descent ({@link Inference#gradientDescent}) or by Langevin sampling of exp(-E(W, y, x) / T)
 * ({@link Inference#langevin}).
 *
 * <pre>{@code
 * ContinuousConditionalEnergy e = ...;                  // e.g. |y - A x|^2 / 2
 * INDArray y = Inference.gradientDescent(e, x, y0, 0.1, 200);
 * }</pre>
 */
public interface ContinuousConditionalEnergy {
  /** Dimension d of the inputs x. */
  int inputDim();

  /** Dimension m of the answers y. */
  int answerDim();

  /**
   * The working call: for x [N, d] and y [N, m] (dense doubles) writes E(W, y_i, x_i) into e [N] and, when gy is not
   * null, grad_y E into gy [N, m]. No validation.
   */
  void evaluate(INDArray x, INDArray y, INDArray e, INDArray gy);
}
