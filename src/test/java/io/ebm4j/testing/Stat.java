package io.ebm4j.testing;

import io.ebm4j.estimate.Autocorrelation;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * A small statistical test harness for samplers at fixed seeds. Every check compares an estimate with its exact
 * value through a z-score whose standard error uses the chains' effective sample size (Geyer's initial monotone
 * sequence, pooled over chains), or through a Kolmogorov-Smirnov statistic on draws thinned to be nearly
 * independent. Thresholds are stated as false-alarm rates: {@link #Z_LIMIT} = 4.5 fails a correct sampler with
 * probability 6.8e-6 per check (two-sided normal tail), so a suite of a few hundred checks raises a false alarm with
 * probability below 0.2% — and at fixed seeds the outcome is deterministic anyway: a test that passes once passes
 * always, while a wrong kernel (biased by more than a few standard errors) fails.
 */
public final class Stat {
  /** |z| above this fails; two-sided false-alarm rate 6.8e-6 per check. */
  public static final double Z_LIMIT = 4.5;
  /** KS p-values below this fail. */
  public static final double KS_ALPHA = 1e-5;

  private Stat() {}

  /** Draws of coordinate j as [chains][draws] from a flat trace laid out [draw][chain][coordinate]. */
  public static double[][] chains(double[] trace, int draws, int chains, int dim, int j) {
    double[][] out = new double[chains][draws];
    for (int t = 0; t < draws; t++) {
      for (int c = 0; c < chains; c++) {
        out[c][t] = trace[(t * chains + c) * dim + j];
      }
    }
    return out;
  }

  /** Applies f to every value. */
  public static double[][] map(double[][] x, DoubleUnaryOperator f) {
    double[][] out = new double[x.length][];
    for (int c = 0; c < x.length; c++) {
      out[c] = Arrays.stream(x[c]).map(f).toArray();
    }
    return out;
  }

  /** Mean over all draws of all chains. */
  public static double mean(double[][] x) {
    double s = 0;
    long n = 0;
    for (double[] c : x) {
      for (double v : c) {
        s += v;
        n++;
      }
    }
    return s / n;
  }

  /** Sample variance over all draws of all chains. */
  public static double variance(double[][] x) {
    double m = mean(x);
    double s = 0;
    long n = 0;
    for (double[] c : x) {
      for (double v : c) {
        s += (v - m) * (v - m);
        n++;
      }
    }
    return s / (n - 1);
  }

  /** z = (mean - exact) / (sd / sqrt(ESS)): the Monte Carlo z-score of the mean of f's draws. */
  public static double z(double[][] x, double exact) {
    double ess = Autocorrelation.ess(x);
    return (mean(x) - exact) / Math.sqrt(variance(x) / ess);
  }

  /** Fails when |z| exceeds {@link #Z_LIMIT}, with what, the estimate, the exact value and z in the message. */
  public static void assertMean(String what, double[][] x, double exact) {
    double z = z(x, exact);
    if (!(Math.abs(z) <= Z_LIMIT)) {
      throw new AssertionError(String.format("%s: estimate %.5f, exact %.5f, z = %.2f (|z| must be <= %.1f)", what,
          mean(x), exact, z, Z_LIMIT));
    }
  }

  /** One-sample Kolmogorov-Smirnov statistic D_n of x against a continuous CDF. */
  public static double ksStatistic(double[] x, DoubleUnaryOperator cdf) {
    return new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(distribution(cdf), x);
  }

  /** The KS p-value of x against the CDF (Apache Commons Math's exact / asymptotic Kolmogorov distribution). */
  public static double ksPValue(double[] x, DoubleUnaryOperator cdf) {
    return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(distribution(cdf), x, false);
  }

  /** Fails when the KS p-value of x against cdf is below {@link #KS_ALPHA}. */
  public static void assertDistribution(String what, double[] x, DoubleUnaryOperator cdf) {
    double d = ksStatistic(x, cdf);
    double p = ksPValue(x, cdf);
    if (!(p >= KS_ALPHA)) {
      throw new AssertionError(String.format("%s: KS D = %.4f on %d draws, p = %.2e (must be >= %.0e)", what, d,
          x.length, p, KS_ALPHA));
    }
  }

  /** Every k-th draw of every chain, pooled (thinning to nearly independent draws for KS). */
  public static double[] thin(double[][] x, int k) {
    int per = x[0].length / k;
    double[] out = new double[x.length * per];
    int i = 0;
    for (double[] c : x) {
      for (int t = 0; t < per; t++) {
        out[i++] = c[t * k];
      }
    }
    return out;
  }

  /** The standard normal CDF. */
  public static double normalCdf(double x) {
    return STANDARD_NORMAL.cumulativeProbability(x);
  }

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

  /** A continuous distribution known by its CDF only (all KS needs). */
  private static org.apache.commons.math3.distribution.RealDistribution distribution(DoubleUnaryOperator cdf) {
    return new org.apache.commons.math3.distribution.AbstractRealDistribution(null) {
      @Override
      public double cumulativeProbability(double x) {
        return cdf.applyAsDouble(x);
      }

      @Override
      public double density(double x) {
        throw new UnsupportedOperationException();
      }

      @Override
      public double getNumericalMean() {
        return Double.NaN;
      }

      @Override
      public double getNumericalVariance() {
        return Double.NaN;
      }

      @Override
      public double getSupportLowerBound() {
        return Double.NEGATIVE_INFINITY;
      }

      @Override
      public double getSupportUpperBound() {
        return Double.POSITIVE_INFINITY;
      }

      @Override
      public boolean isSupportLowerBoundInclusive() {
        return false;
      }

      @Override
      public boolean isSupportUpperBoundInclusive() {
        return false;
      }

      @Override
      public boolean isSupportConnected() {
        return true;
      }
    };
  }
}
