package io.ebm4j.train;

import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Resampling;

/**
 * Factory of training methods.
 *
 * <pre>{@code
 * Methods.exact();                                   // closed-form negative phase
 * Methods.quadrature(-20, 20, 4001);                 // 1-D negative phase on a grid
 * Methods.cd(Kernels.ula(0.1), 4);                   // CD-4
 * Methods.pcd(Kernels.ula(0.1)).walkers(10_000);     // persistent walkers
 * Methods.jarzynski(Kernels.ula(0.1)).walkers(10_000).resampleBelowEss(0.5);
 * Methods.scoreMatching();                           // Hyvarinen (exact Laplacian)
 * Methods.slicedScoreMatching(1);                    // Hutchinson projections
 * Methods.denoisingScoreMatching(0.1);               // noise level sigma
 * }</pre>
 */
public final class Methods {
  private Methods() {}

  /** Exact maximum likelihood (energy must offer its log Z gradient). */
  public static Method exact() {
    return new ExactLikelihood();
  }

  /** Maximum likelihood with the negative phase by trapezoid quadrature on [lo, hi] (1-D energies). */
  public static Method quadrature(double lo, double hi, int points) {
    return new Quadrature(lo, hi, points);
  }

  /** CD-k with the given kernel. */
  public static ContrastiveDivergence cd(Kernel kernel, int k) {
    return new ContrastiveDivergence(kernel, k);
  }

  /** PCD with 1000 walkers started from the model; adjust with its withers. */
  public static PersistentContrastiveDivergence pcd(Kernel kernel) {
    return new PersistentContrastiveDivergence(kernel, new WalkerInit(1000, WalkerInit.MODEL, null), 1);
  }

  /** Jarzynski-weighted PCD with 1000 walkers from the model, systematic resampling below ESS/N = 0.5. */
  public static JarzynskiPcd jarzynski(Kernel kernel) {
    return new JarzynskiPcd(kernel, new WalkerInit(1000, WalkerInit.MODEL, null), 0.5, Resampling.SYSTEMATIC, 1);
  }

  /** Sliced score matching with the given number of random projections per data point and step. */
  public static Method slicedScoreMatching(int projections) {
    return new SlicedScoreMatching(projections);
  }

  /** Denoising score matching at noise level sigma. */
  public static Method denoisingScoreMatching(double sigma) {
    return new DenoisingScoreMatching(sigma);
  }

  /** Hyvarinen score matching. */
  public static Method scoreMatching() {
    return new ScoreMatching();
  }
}
