package io.ebm4j.sample;

/**
 * Factory of the kernels. Every kernel's first argument is its {@code stepSize}: the Langevin step h of ULA and
 * MALA, the leapfrog step eps of HMC, the proposal standard deviation sigma of random-walk Metropolis.
 *
 * <pre>{@code
 * Kernel k1 = Kernels.ula(0.1);        // unadjusted Langevin, step h
 * Kernel k2 = Kernels.mala(0.1);       // Metropolis-adjusted Langevin
 * Kernel k3 = Kernels.randomWalk(0.5); // random-walk Metropolis, proposal sd 0.5
 * Kernel k4 = Kernels.hmc(0.1, 10);    // Hamiltonian Monte Carlo, 10 leapfrog steps
 * Kernel k5 = Kernels.adaptive(Kernels::mala, 0.1, 0.574, 500); // step size tuned for 500 steps, then frozen
 * }</pre>
 */
public final class Kernels {
  private Kernels() {}

  /** Unadjusted Langevin with step size h > 0. */
  public static Ula ula(double stepSize) {
    return new Ula(stepSize);
  }

  /** Metropolis-adjusted Langevin with step size h > 0. */
  public static Mala mala(double stepSize) {
    return new Mala(stepSize);
  }

  /** Hamiltonian Monte Carlo with leapfrog step size eps > 0 and L >= 1 leapfrog steps. */
  public static Hmc hmc(double stepSize, int leapfrogSteps) {
    return new Hmc(stepSize, leapfrogSteps);
  }

  /**
   * A kernel family (e.g. {@code Kernels::mala}, or {@code h -> Kernels.hmc(h, 10)}) whose step size is adapted by
   * dual averaging toward a target mean acceptance during the first {@code warmup} steps, then frozen.
   */
  public static DualAveraging adaptive(java.util.function.DoubleFunction<Kernel> family, double initialStep,
      double targetAcceptance, int warmup) {
    return new DualAveraging(family, initialStep, targetAcceptance, warmup);
  }

  /** Random-walk Metropolis with Gaussian proposals of standard deviation stepSize > 0. */
  public static RandomWalkMetropolis randomWalk(double stepSize) {
    return new RandomWalkMetropolis(stepSize);
  }
}
