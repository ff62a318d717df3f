package io.ebm4j.energy;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * U(x_i; theta) for a batch: x [N, d] and theta [P] in, [N] out. Written as a lambda for {@link Energies#trainable};
 * theta is the energy's live parameter vector, to be read, not written.
 *
 * <pre>{@code
 * BatchEnergy u = (x, theta) -> x.sub(theta.getDouble(0)).mul(x.sub(theta.getDouble(0))).mul(0.5).reshape(-1);
 * }</pre>
 */
@FunctionalInterface
public interface BatchEnergy {
  INDArray apply(INDArray x, INDArray theta);
}
