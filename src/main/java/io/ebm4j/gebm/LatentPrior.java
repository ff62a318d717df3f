package io.ebm4j.gebm;

/**
 * The latent distribution eta of a {@link Generator}. Latent variables are always standard normal u; a uniform prior
 * is the push-forward z = Phi(u) of the normal CDF, applied as the generator's first (fixed) map. Latent samplers then
 * always target nu(u) proportional to N(u; 0, I) exp(-E(G(u))), with grad_u log eta(u) = -u, and never meet the
 * boundary of the unit cube.
 */
public enum LatentPrior {
  /** z ~ N(0, I). */
  GAUSSIAN,
  /** z ~ Unif[0, 1]^k, written z = Phi(u) with u ~ N(0, I). */
  UNIFORM;

  /** Parses "gaussian" or "uniform" (case-insensitive). */
  public static LatentPrior parse(String s) {
    if (s != null) {
      for (LatentPrior p : values()) {
        if (p.name().equalsIgnoreCase(s.trim())) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException("prior must be gaussian or uniform, got '" + s + "'");
  }
}
