package io.ebm4j.energy;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * dU(x_i; theta)/dtheta for a batch, one row per point: x [N, d] and theta [P] in, [N, P] out. Written as a lambda for
 * {@link Energies#trainable}; theta is the energy's live parameter vector, to be read, not written.
 *
 * <pre>{@code
 * BatchParamGrad gp = (x, theta) -> x.sub(theta.getDouble(0)).neg();
 * }</pre>
 */
@FunctionalInterface
public interface BatchParamGrad {
  INDArray apply(INDArray x, INDArray theta);
}
