package io.ebm4j.discrete;

import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.StepInfo;
import io.ebm4j.random.SplitMix;

/**
 * Single-site Metropolis-Hastings: propose flipping one site, accept with probability min(1, e^{-(U(x') - U(x))}).
 * A step is a sweep of n proposals per chain, sites chosen at random or in order ({@link Scan}); each proposal is
 * symmetric and leaves exp(-U)/Z invariant, so the sweep does too. Energies are updated incrementally.
 */
final class SingleSiteMetropolis implements DiscreteKernel<BinaryEnergy> {
  private final Scan scan;

  SingleSiteMetropolis(Scan scan) {
    if (scan == null) {
      throw new IllegalArgumentException("scan must not be null");
    }
    this.scan = scan;
  }

  @Override
  public String name() {
    return "metropolis(" + scan.name().toLowerCase() + ")";
  }

  @Override
  public StepInfo step(BinaryEnergy e, BinaryChains c, Rng rng) {
    final int d = c.d;
    final Encoding enc = e.encoding();
    final boolean random = scan == Scan.RANDOM;
    double accepted = Par.sum(c.n, (ch, from, to) -> {
      SplitMix r = rng.stream(ch);
      BinaryEnergy.Flips f = e.flips();
      long acc = 0;
      for (int i = from; i < to; i++) {
        int off = i * d;
        double u = c.ub.get(i);
        for (int t = 0; t < d; t++) {
          int site = random ? r.nextInt(d) : t;
          double delta = f.delta(c.xb, off, site);
          if (delta <= 0 || r.nextDouble() < Math.exp(-delta)) {
            c.xb.put(off + site, enc.flip(c.xb.get(off + site)));
            u += delta;
            acc++;
          }
        }
        c.ub.put(i, u);
      }
      return acc;
    });
    return new StepInfo(accepted / ((double) c.n * d), (long) c.n * d);
  }
}
