package io.ebm4j.gebm;

/**
 * The standard normal CDF Phi and density phi. Phi(u) = erfc(-u / sqrt 2) / 2 with erfc from the Chebyshev fit of
 * Press, Teukolsky, Vetterling, Flannery, "Numerical Recipes" (3rd ed., section 6.2.2), fractional error below 1.2e-7
 * everywhere; enough for a fixed latent warp whose derivative is taken as the exact density phi.
 */
final class NormalCdf {
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

  private NormalCdf() {}

  static double cdf(double u) {
    return 0.5 * erfc(-u / Math.sqrt(2));
  }

  static double pdf(double u) {
    return INV_SQRT_2PI * Math.exp(-0.5 * u * u);
  }

  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1.0 / (1.0 + 0.5 * z);
    double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277)))))))));
    return x >= 0 ? ans : 2.0 - ans;
  }
}
