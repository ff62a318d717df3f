package io.ebm4j.energy;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds an energy as an ND4J SameDiff graph, for {@link Energies#sameDiff}: given the graph and the input
 * placeholder x [N, d] (double), returns the variable u [N] holding U(x_i). Trainable parameters are the graph's
 * variables ({@code sd.var(...)}); the function is called again by {@code copy()}, so it should only build.
 *
 * <pre>{@code
 * GraphEnergy quadratic = (sd, x) -> {
 *   SDVariable mu = sd.var("mu", Nd4j.createFromArray(0.0, 0.0));
 *   return sd.math().square(x.sub(mu)).sum(1).mul(0.5);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface GraphEnergy {
  SDVariable build(SameDiff sd, SDVariable x);
}
