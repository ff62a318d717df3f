package io.ebm4j.data;

import io.ebm4j.energy.ExactSampler;

/**
 * A 2-D toy distribution that draws i.i.d. points as an [n, 2] double batch. Every toy is an immutable value whose
 * parameters are changed by withers returning a new toy; {@link Toys} makes them.
 *
 * <pre>{@code
 * INDArray x = Toys.twoMoons().noise(0.1).sample(1000, 42);   // same seed, same numbers
 * }</pre>
 */
public interface Toy extends ExactSampler {
  /** A short human-readable name with the parameters, for figure titles and logs. */
  String name();
}
