package io.ebm4j.sample;

/**
 * Factory of the kernels.
 *
 * <pre>{@code
 * Kernel k1 = Kernels.ula(0.1);        // unadjusted Langevin, step h
 * Kernel k2 = Kernels.mala(0.1);       // Metropolis-adjusted Langevin
 * Kernel k3 = Kernels.randomWalk(0.5); // random-walk Metropolis, proposal scale sigma
 * }</pre>
 */
public final class Kernels {
  private Kernels() {}

  /** Unadjusted Langevin with step size h > 0. */
  public static Ula ula(double h) {
    return new Ula(h);
  }

  /** Metropolis-adjusted Langevin with step size h > 0. */
  public static Mala mala(double h) {
    return new Mala(h);
  }

  /** Random-walk Metropolis with Gaussian proposals of scale sigma > 0. */
  public static RandomWalkMetropolis randomWalk(double sigma) {
    return new RandomWalkMetropolis(sigma);
  }
}
