package io.ebm4j.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Each kernel against a target whose law is known exactly. */
class KernelsTest {
  private static final Gaussian TARGET = Energies.gaussian(new double[] {1.0}, new double[] {0.5});

  private static double[] run(Kernel k, int chains, int steps, long seed) {
    Chains c = k.init(TARGET, Batches.zeros(chains, 1));
    Rng rng = new Rng(seed);
    for (int t = 0; t < steps; t++) {
      k.step(TARGET, c, rng);
    }
    return Batches.toArray(c.positions());
  }

  /** Kolmogorov-Smirnov distance between the sample and N(mu, sigma^2). */
  private static double ks(double[] s, double mu, double sigma) {
    double[] x = s.clone();
    Arrays.sort(x);
    double d = 0;
    for (int i = 0; i < x.length; i++) {
      double f = 0.5 * (1 + erf((x[i] - mu) / (sigma * Math.sqrt(2))));
      d = Math.max(d, Math.max(Math.abs(f - (double) i / x.length), Math.abs(f - (double) (i + 1) / x.length)));
    }
    return d;
  }

  /** Abramowitz-Stegun 7.1.26 is too coarse; use a series/continued-fraction-free high-accuracy form. */
  static double erf(double z) {
    double t = 1.0 / (1.0 + 0.5 * Math.abs(z));
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277)))))))));
    return z >= 0 ? 1 - r : r - 1;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }

  private static double var(double[] v) {
    double m = mean(v);
    return Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length;
  }

  @Test
  void malaSamplesTheExactGaussian() {
    double[] s = run(Kernels.mala(0.1), 20_000, 300, 1);
    assertTrue(ks(s, 1.0, 0.5) < 1.95 / Math.sqrt(s.length), "KS distance " + ks(s, 1.0, 0.5));
  }

  @Test
  void randomWalkMetropolisSamplesTheExactGaussian() {
    double[] s = run(Kernels.randomWalk(0.8), 20_000, 300, 2);
    assertTrue(ks(s, 1.0, 0.5) < 1.95 / Math.sqrt(s.length), "KS distance " + ks(s, 1.0, 0.5));
  }

  @Test
  void hmcSamplesTheExactGaussian() {
    double[] s = run(Kernels.hmc(0.3, 8), 20_000, 60, 5);
    assertTrue(ks(s, 1.0, 0.5) < 1.95 / Math.sqrt(s.length), "KS distance " + ks(s, 1.0, 0.5));
  }

  @Test
  void hmcHasExactMomentsOnABadlyScaledGaussian() {
    Gaussian g = Energies.gaussian(new double[] {0, 2}, new double[] {0.3, 3});
    Kernel k = Kernels.hmc(0.2, 15);
    Chains c = k.init(g, Batches.zeros(20_000, 2));
    Rng rng = new Rng(6);
    for (int t = 0; t < 150; t++) {
      k.step(g, c, rng);
    }
    INDArray x = c.positions();
    double v0 = x.getColumn(0).var(false).getDouble(0);
    double v1 = x.getColumn(1).var(false).getDouble(0);
    double m1 = x.getColumn(1).meanNumber().doubleValue();
    assertEquals(0.09, v0, 5 * 0.09 * Math.sqrt(2 / 2e4));
    assertEquals(9.0, v1, 5 * 9 * Math.sqrt(2 / 2e4));
    assertEquals(2.0, m1, 5 * 3 / Math.sqrt(2e4));
  }

  @Test
  void dualAveragingReachesTheTargetAcceptanceThenFreezesAndStillSamplesExactly() {
    DualAveraging k = Kernels.adaptive(Kernels::mala, 2.0, 0.574, 300);
    Chains c = k.init(TARGET, Batches.zeros(20_000, 1));
    Rng rng = new Rng(7);
    for (int t = 0; t < 300; t++) {
      k.step(TARGET, c, rng);
    }
    assertTrue(k.frozen());
    double h = k.stepSize();
    double acc = 0;
    for (int t = 0; t < 100; t++) {
      acc += k.step(TARGET, c, rng).acceptance();
      assertEquals(h, k.stepSize(), "step size frozen after warm-up");
    }
    assertEquals(0.574, acc / 100, 0.05, "acceptance after adaptation (h = " + h + ")");
    double[] s = Batches.toArray(c.positions());
    assertTrue(ks(s, 1.0, 0.5) < 1.95 / Math.sqrt(s.length), "KS distance " + ks(s, 1.0, 0.5));
    DualAveraging again = (DualAveraging) k.fresh();
    assertEquals(2.0, again.stepSize(), "fresh() restarts adaptation");
  }

  @Test
  void ulaHasItsKnownDiscretisationBiasAndMalaRemovesIt() {
    // ULA on U = (x-m)^2/(2 s^2): x' = m + (1 - h/s^2)(x - m) + sqrt(2h) xi, stationary variance s^2/(1 - h/(2 s^2))
    double h = 0.1;
    double biased = 0.25 / (1 - h / (2 * 0.25));
    double[] ula = run(Kernels.ula(h), 50_000, 200, 3);
    double[] mala = run(Kernels.mala(h), 50_000, 400, 3);
    double se = Math.sqrt(2.0 / 50_000);
    assertEquals(biased, var(ula), 4 * biased * se);
    assertEquals(1.0, mean(ula), 4 * Math.sqrt(biased / 50_000));
    assertEquals(0.25, var(mala), 4 * 0.25 * se);
  }

  @Test
  void acceptanceIsReportedAndIsAProbability() {
    Kernel k = Kernels.mala(0.5);
    Chains c = k.init(TARGET, Batches.zeros(1000, 1));
    StepInfo info = k.step(TARGET, c, new Rng(4));
    assertTrue(info.acceptance() > 0 && info.acceptance() < 1, "acceptance " + info.acceptance());
    assertEquals(1000, info.evaluations());
    assertEquals(1.0, Kernels.ula(0.1).step(TARGET, c, new Rng(4)).acceptance());
  }

  @Test
  void sameSeedSameChains() {
    assertTrue(Arrays.equals(run(Kernels.mala(0.2), 5000, 20, 7), run(Kernels.mala(0.2), 5000, 20, 7)));
    assertTrue(!Arrays.equals(run(Kernels.mala(0.2), 5000, 20, 7), run(Kernels.mala(0.2), 5000, 20, 8)));
  }

  @Test
  void nonPositiveStepSizesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.ula(0));
    assertTrue(e.getMessage().contains("stepSize") && e.getMessage().contains("0.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Kernels.mala(-1));
    assertThrows(IllegalArgumentException.class, () -> Kernels.randomWalk(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Kernels.hmc(0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> Kernels.adaptive(Kernels::mala, 0.1, 1.2, 10));
    assertThrows(IllegalArgumentException.class, () -> Kernels.adaptive(Kernels::ula, 0.1, 0.5, 10));
  }

  @Test
  void chainsRejectBadStartingPoints() {
    INDArray bad = Batches.zeros(3, 1);
    bad.putScalar(1, 0, Double.NaN);
    assertThrows(IllegalArgumentException.class, () -> Kernels.ula(0.1).init(TARGET, bad));
    assertThrows(IllegalArgumentException.class, () -> Kernels.ula(0.1).init(TARGET, Batches.zeros(3, 2)));
  }
}
