package io.ebm4j.energy;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * grad_x U(x_i; theta) for a batch: x [N, d] and theta [P] in, [N, d] out. Written as a lambda for {@link
 * Energies#trainable}; theta is the energy's live parameter vector, to be read, not written.
 *
 * <pre>{@code
 * BatchGradX g = (x, theta) -> x.sub(theta.getDouble(0));
 * }</pre>
 */
@FunctionalInterface
public interface BatchGradX {
  INDArray apply(INDArray x, INDArray theta);
}
