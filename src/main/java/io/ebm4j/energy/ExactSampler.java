package io.ebm4j.energy;

import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/** An energy whose density can be sampled exactly (i.i.d.), e.g. to draw data or initialise walkers at rho_theta. */
public interface ExactSampler {
  /** n independent draws from rho = exp(-U)/Z, as [n, d]. */
  INDArray sample(int n, Rng rng);

  /** n independent draws from rho with a fresh generator seeded by {@code seed}. */
  default INDArray sample(int n, long seed) {
    return sample(n, new Rng(seed));
  }
}
