package io.ebm4j.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Effective sample size against chains whose integrated autocorrelation time is known exactly: a stationary AR(1)
 * chain x_t = rho x_{t-1} + sqrt(1 - rho^2) e_t has ESS = N (1 - rho) / (1 + rho).
 */
class AutocorrelationTest {
  /** M stationary AR(1) chains of N draws with unit marginal variance. */
  static double[][] ar1(int m, int n, double rho, double[] shift, long seed) {
    Rng rng = new Rng(seed);
    double s = Math.sqrt(1 - rho * rho);
    double[][] x = new double[m][n];
    for (int c = 0; c < m; c++) {
      double v = rng.normal();
      for (int t = 0; t < n; t++) {
        if (t > 0) {
          v = rho * v + s * rng.normal();
        }
        x[c][t] = v + (shift == null ? 0 : shift[c]);
      }
    }
    return x;
  }

  @Test
  void autocovarianceByFftEqualsTheDirectSum() {
    double[] x = ar1(1, 37, 0.5, null, 1)[0];
    double mu = 0;
    for (double v : x) {
      mu += v / x.length;
    }
    double[] g = Autocorrelation.autocovariance(x);
    assertEquals(x.length, g.length);
    for (int t = 0; t < x.length; t++) {
      double direct = 0;
      for (int i = 0; i + t < x.length; i++) {
        direct += (x[i] - mu) * (x[i + t] - mu);
      }
      assertEquals(direct / x.length, g[t], 1e-12, "lag " + t);
    }
  }

  @Test
  void essOfAr1ChainsWithRho09IsWithin15PercentOfTheExactValue() {
    double rho = 0.9;
    int m = 8;
    int n = 20_000;
    double exact = (double) m * n * (1 - rho) / (1 + rho); // 8421
    double ess = Autocorrelation.ess(ar1(m, n, rho, null, 11));
    assertEquals(1.0, ess / exact, 0.15, "ess " + ess + " vs exact " + exact);
  }

  @Test
  void bulkEssOfAr1ChainsWithRho09IsWithin15PercentOfTheExactValue() {
    double rho = 0.9;
    double exact = 8.0 * 20_000 * (1 - rho) / (1 + rho);
    double ess = Autocorrelation.essBulk(ar1(8, 20_000, rho, null, 12));
    assertEquals(1.0, ess / exact, 0.15, "bulk ess " + ess + " vs exact " + exact);
  }

  @Test
  void essOfIndependentDrawsIsTheirNumber() {
    double ess = Autocorrelation.ess(ar1(4, 5000, 0.0, null, 13));
    assertEquals(1.0, ess / 20_000, 0.1, "ess " + ess);
  }

  @Test
  void chainsThatDisagreeInMeanLowerThePooledEss() {
    double[] shift = {0, 1, 0, 1};
    double agree = Autocorrelation.ess(ar1(4, 5000, 0.5, null, 14));
    double disagree = Autocorrelation.ess(ar1(4, 5000, 0.5, shift, 14));
    assertTrue(disagree < 0.2 * agree, "ess " + disagree + " with shifted chains vs " + agree);
  }

  @Test
  void badChainsAreRejectedNamingTheProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Autocorrelation.ess(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}));
    assertTrue(e.getMessage().contains("same length"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Autocorrelation.ess(new double[][] {{1, 2, 3}}));
    assertTrue(e.getMessage().contains("at least 4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Autocorrelation.ess(new double[][] {{1, 2, Double.NaN, 4}}));
    assertTrue(e.getMessage().contains("chains[0][2]") && e.getMessage().contains("NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Autocorrelation.ess(new double[0][]));
    assertTrue(e.getMessage().contains("chains"), e.getMessage());
  }
}
