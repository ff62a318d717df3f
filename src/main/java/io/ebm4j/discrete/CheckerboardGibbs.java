package io.ebm4j.discrete;

import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.StepInfo;
import io.ebm4j.random.SplitMix;

/**
 * Checkerboard Gibbs for the Ising grid: all sites of one colour are conditionally independent given the other
 * colour, so a sweep redraws every even site, then every odd site, from s_i = +1 with probability
 * sigmoid(2 (h_i + sum_j J_ij s_j)); the batch is processed in fused row-parallel loops. Needs a bipartite lattice
 * (free boundary, or periodic with even sides).
 */
final class CheckerboardGibbs implements DiscreteKernel<IsingGrid> {
  @Override
  public String name() {
    return "gibbs(checkerboard)";
  }

  @Override
  public BinaryChains init(IsingGrid e, org.nd4j.linalg.api.ndarray.INDArray x0) {
    requireBipartite(e);
    return DiscreteKernel.super.init(e, x0);
  }

  private static void requireBipartite(IsingGrid e) {
    if (!e.bipartite()) {
      throw new IllegalArgumentException("checkerboard Gibbs needs a bipartite grid (free boundary or periodic with"
          + " even sides), got periodic " + e.height() + "x" + e.width());
    }
  }

  @Override
  public StepInfo step(IsingGrid e, BinaryChains c, Rng rng) {
    requireBipartite(e);
    final int d = c.d;
    final int[][] colours = {e.sitesOfColour(0), e.sitesOfColour(1)};
    Par.forRange(c.n, (ch, from, to) -> {
      SplitMix r = rng.stream(ch);
      BinaryEnergy.Flips f = e.flips();
      for (int[] sites : colours) {
        for (int i = from; i < to; i++) {
          int off = i * d;
          double u = c.ub.get(i);
          for (int site : sites) {
            double delta = f.delta(c.xb, off, site);
            if (r.nextDouble() < Bin.sigmoid(-delta)) {
              c.xb.put(off + site, -c.xb.get(off + site));
              u += delta;
            }
          }
          c.ub.put(i, u);
        }
      }
    });
    return new StepInfo(1.0, (long) c.n * d);
  }
}
