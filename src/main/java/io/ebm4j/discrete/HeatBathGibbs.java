package io.ebm4j.discrete;

import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.StepInfo;
import io.ebm4j.random.SplitMix;

/**
 * Heat-bath (Gibbs) updates, one site at a time in systematic order: site i is redrawn from its conditional
 * p(x_i | x_{-i}), i.e. flipped with probability 1 / (1 + e^{U(x') - U(x)}). For the Boltzmann machine this is
 * x_i ~ Bernoulli(sigmoid(b_i + sum_j W_ij x_j)). Works for every {@link BinaryEnergy}.
 */
final class HeatBathGibbs implements DiscreteKernel<BinaryEnergy> {
  @Override
  public String name() {
    return "gibbs(systematic)";
  }

  @Override
  public StepInfo step(BinaryEnergy e, BinaryChains c, Rng rng) {
    final int d = c.d;
    final Encoding enc = e.encoding();
    Par.forRange(c.n, (ch, from, to) -> {
      SplitMix r = rng.stream(ch);
      BinaryEnergy.Flips f = e.flips();
      for (int i = from; i < to; i++) {
        int off = i * d;
        double u = c.ub.get(i);
        for (int site = 0; site < d; site++) {
          double delta = f.delta(c.xb, off, site);
          if (r.nextDouble() < Bin.sigmoid(-delta)) {
            c.xb.put(off + site, enc.flip(c.xb.get(off + site)));
            u += delta;
          }
        }
        c.ub.put(i, u);
      }
    });
    return new StepInfo(1.0, (long) c.n * d);
  }
}
