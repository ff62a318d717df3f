package io.ebm4j.flow;

import io.ebm4j.sample.Kernel;

/**
 * Factory of the flow-based kernels (all implement {@link Kernel} and act on whole batches of chains).
 *
 * <pre>{@code
 * Kernel k1 = FlowKernels.imh(flow);                          // flow independent Metropolis-Hastings
 * Kernel k2 = FlowKernels.isir(flow, 16);                     // i-SIR with 16 proposals per chain
 * Kernel k3 = FlowKernels.globalLocal(flow, Kernels.mala(0.05)).adaptEvery(10, 1e-3); // flow-MCMC + MALA
 * Kernel k4 = FlowKernels.neutraMala(flow, 0.1);             // MALA in the flow's latent space
 * Kernel k5 = FlowKernels.neutraHmc(flow, 0.3, 5);           // HMC in the flow's latent space
 * }</pre>
 */
public final class FlowKernels {
  private FlowKernels() {}

  /** Independent Metropolis-Hastings with proposals from flow. */
  public static FlowImh imh(RealNvp flow) {
    return new FlowImh(flow);
  }

  /** i-SIR with M >= 1 fresh proposals from flow per chain and step. */
  public static FlowIsir isir(RealNvp flow, int proposals) {
    return new FlowIsir(flow, proposals);
  }

  /** One flow IMH move then one step of local per step, no adaptation (see {@link GlobalLocal} to configure). */
  public static GlobalLocal globalLocal(RealNvp flow, Kernel local) {
    return new GlobalLocal(flow, local, 0, 1, 0, 1e-3);
  }

  /** MALA with step size h > 0 on the flow's pulled-back target (HMC with one leapfrog step, eps = sqrt(2h)). */
  public static Neutra neutraMala(RealNvp flow, double stepSize) {
    if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
      throw new IllegalArgumentException("stepSize must be positive and finite, got " + stepSize);
    }
    return new Neutra(flow, Math.sqrt(2 * stepSize), 1, "neutraMala(h=" + stepSize);
  }

  /** HMC with leapfrog step eps > 0 and L >= 1 leapfrog steps on the flow's pulled-back target. */
  public static Neutra neutraHmc(RealNvp flow, double stepSize, int leapfrogSteps) {
    return new Neutra(flow, stepSize, leapfrogSteps, "neutraHmc(eps=" + stepSize + ", L=" + leapfrogSteps);
  }
}
