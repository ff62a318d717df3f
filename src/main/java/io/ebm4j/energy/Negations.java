package io.ebm4j.energy;

/**
 * The negation "U_1 AND NOT U_2", U(x) = U_1(x) - alpha U_2(x) (Du and Mordatch, "Implicit Generation and
 * Generalization in Energy-Based Models", NeurIPS 2019, https://arxiv.org/abs/1903.08689; Du, Li and Mordatch,
 * "Compositional Visual Generation with Energy Based Models", NeurIPS 2020, https://arxiv.org/abs/2004.06030): the
 * density rho_1(x) / rho_2(x)^alpha, which removes the mass of rho_1 where rho_2 is high.
 *
 * <p>exp(-U_1 + alpha U_2) is normalisable when alpha U_2 grows more slowly than U_1 far away. This is what is
 * enforced: 0 < alpha < 1 always (which suffices when U_2 <= U_1 + c far from the origin, e.g. both carry the same
 * confining Gaussian, as concept energies built with {@link Energies#plus} and one wide Gaussian do); and when both
 * energies are {@link Gaussian}s, the exact condition, a positive precision 1/sigma_1j^2 - alpha/sigma_2j^2 in every
 * coordinate (at construction; training may move it).
 */
final class Negations {
  private Negations() {}

  static Energy of(Energy base, Energy negated, double alpha) {
    if (base == null || negated == null) {
      throw new IllegalArgumentException("both energies are required, got " + base + " and " + negated);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1) for U_1 - alpha U_2 to stay normalisable, got "
          + alpha);
    }
    if (base.dim() != negated.dim()) {
      throw new IllegalArgumentException("energies must have the same dimension, got " + base.dim() + " and "
          + negated.dim());
    }
    if (base instanceof Gaussian g1 && negated instanceof Gaussian g2) {
      double[] s1 = g1.std();
      double[] s2 = g2.std();
      for (int j = 0; j < s1.length; j++) {
        double precision = 1 / (s1[j] * s1[j]) - alpha / (s2[j] * s2[j]);
        if (!(precision > 0)) {
          throw new IllegalArgumentException("alpha must be below sigma_2^2 / sigma_1^2 = "
              + (s2[j] * s2[j]) / (s1[j] * s1[j]) + " in coordinate " + j + " for U_1 - alpha U_2 to stay"
              + " normalisable, got " + alpha);
        }
      }
    }
    Energy[] parts = {base, Scalings.negated(negated, alpha)};
    return Energies.sum(parts);
  }
}
