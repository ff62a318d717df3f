package io.ebm4j.discrete;

/**
 * Factory of kernels on binary states. All leave exp(-U)/Z invariant, so all can drive discrete Jarzynski
 * reweighting ({@link DiscreteKernel#transport}).
 *
 * <pre>{@code
 * DiscreteKernel<BinaryEnergy> mh = DiscreteKernels.metropolis(Scan.RANDOM);
 * DiscreteKernel<IsingGrid> cb = DiscreteKernels.checkerboard();
 * DiscreteKernel<Rbm> bg = DiscreteKernels.blockGibbs();
 * }</pre>
 */
public final class DiscreteKernels {
  private DiscreteKernels() {}

  /** Single-site Metropolis-Hastings (flip proposals), n proposals per sweep, random or systematic scan. */
  public static DiscreteKernel<BinaryEnergy> metropolis(Scan scan) {
    return new SingleSiteMetropolis(scan);
  }

  /** Heat-bath Gibbs, systematic scan: each site redrawn from p(x_i | x_{-i}) (any binary energy). */
  public static DiscreteKernel<BinaryEnergy> heatBath() {
    return new HeatBathGibbs();
  }

  /** Checkerboard Gibbs for a bipartite Ising grid: all even sites, then all odd sites. */
  public static DiscreteKernel<IsingGrid> checkerboard() {
    return new CheckerboardGibbs();
  }

  /** Block Gibbs for RBMs, v -> h -> v, one gemm per half-sweep over the whole batch. */
  public static DiscreteKernel<Rbm> blockGibbs() {
    return new BlockGibbs();
  }
}
