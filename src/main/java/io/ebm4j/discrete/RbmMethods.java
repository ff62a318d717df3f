package io.ebm4j.discrete;

import io.ebm4j.sample.Resampling;

/**
 * Factory of RBM training methods.
 *
 * <pre>{@code
 * RbmMethods.cd(1);                                    // Hinton 2002
 * RbmMethods.pcd(1).walkers(100);                      // Tieleman 2008
 * RbmMethods.jarzynski().walkers(200).resampleBelowEss(0.5); // Carbone et al. 2023
 * }</pre>
 */
public final class RbmMethods {
  private RbmMethods() {}

  /** CD-k with block Gibbs. */
  public static RbmCd cd(int k) {
    return new RbmCd(k, DiscreteKernels.blockGibbs());
  }

  /** PCD with k block Gibbs sweeps per update, 100 walkers started at data rows. */
  public static RbmPcd pcd(int k) {
    return new RbmPcd(k, 100, false, DiscreteKernels.blockGibbs());
  }

  /** Jarzynski-PCD: 100 walkers from the initial model, one block Gibbs sweep per update, resampling below ESS 0.5. */
  public static RbmJarzynski jarzynski() {
    return new RbmJarzynski(100, 1, 0.5, Resampling.SYSTEMATIC, DiscreteKernels.blockGibbs());
  }
}
