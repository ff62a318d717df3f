package io.ebm4j.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Energy;
import io.ebm4j.estimate.Autocorrelation;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/** The front door for sampling a fixed energy, specified on a correlated Gaussian whose moments are exact. */
class SamplingTest {
  private static final double RHO = 0.8;

  /** U(x) = x^T P x / 2 with P the inverse of Sigma = [[1, rho], [rho, 1]]. */
  private static final class CorrelatedGaussian implements Energy {
    private final double p11 = 1 / (1 - RHO * RHO);
    private final double p12 = -RHO / (1 - RHO * RHO);

    @Override
    public int dim() {
      return 2;
    }

    @Override
    public void evaluate(INDArray x, INDArray u, INDArray g) {
      DoubleBuffer xb = Batches.buffer(x);
      DoubleBuffer ub = Batches.buffer(u);
      DoubleBuffer gb = g == null ? null : Batches.buffer(g);
      Par.forRange((int) x.rows(), (c, from, to) -> {
        for (int i = from; i < to; i++) {
          double a = xb.get(2 * i);
          double b = xb.get(2 * i + 1);
          double ga = p11 * a + p12 * b;
          double gbv = p12 * a + p11 * b;
          ub.put(i, 0.5 * (a * ga + b * gbv));
          if (gb != null) {
            gb.put(2 * i, ga);
            gb.put(2 * i + 1, gbv);
          }
        }
      });
    }
  }

  private static final Energy TARGET = new CorrelatedGaussian();

  /** z-score of the mean of f against its exact value, with the Monte Carlo error sd / sqrt(ESS). */
  private static double z(double[][] f, double exact) {
    double s1 = 0;
    double s2 = 0;
    int count = 0;
    for (double[] c : f) {
      for (double v : c) {
        s1 += v;
        s2 += v * v;
        count++;
      }
    }
    double mean = s1 / count;
    double var = s2 / count - mean * mean;
    return (mean - exact) / Math.sqrt(var / Autocorrelation.ess(f));
  }

  private static double[][] product(double[][] a, double[][] b) {
    double[][] out = new double[a.length][a[0].length];
    for (int c = 0; c < a.length; c++) {
      for (int t = 0; t < a[c].length; t++) {
        out[c][t] = a[c][t] * b[c][t];
      }
    }
    return out;
  }

  private static Trace malaRun(long seed) {
    INDArray x0 = Batches.zeros(64, 2).addi(3.0); // away from the mode, so warm-up matters
    return Sampling.of(TARGET).kernel(Kernels.mala(0.3)).chains(64).from(x0).warmup(500).steps(2000).thin(1)
        .seed(seed).run();
  }

  @Test
  void malaOnACorrelatedGaussianHasItsMeanAndCovarianceWithinMonteCarloError() {
    Trace t = malaRun(42);
    assertEquals(2000, t.draws());
    assertEquals(64, t.chains());
    assertEquals(2, t.dim());
    double[][] x1 = t.coordinate(0);
    double[][] x2 = t.coordinate(1);
    double[] zs = {z(x1, 0), z(x2, 0), z(product(x1, x1), 1), z(product(x2, x2), 1), z(product(x1, x2), RHO)};
    for (double zi : zs) {
      assertTrue(Math.abs(zi) < 4, "z-scores of E[x1], E[x2], E[x1^2], E[x2^2], E[x1 x2]: " + Arrays.toString(zs));
    }
    Table d = t.diagnostics();
    assertEquals(2, d.rowCount());
    for (int j = 0; j < 2; j++) {
      double rhat = d.doubleColumn("splitRhat").get(j);
      assertTrue(rhat < 1.05, "split R-hat of coordinate " + j + ": " + rhat);
      assertTrue(d.doubleColumn("rankRhat").get(j) < 1.05);
      double ess = d.doubleColumn("ess").get(j);
      assertEquals(d.doubleColumn("sd").get(j) / Math.sqrt(ess), d.doubleColumn("mcse").get(j), 1e-15);
      assertTrue(ess > 1000 && ess < 64 * 2000, "ess " + ess);
    }
    assertTrue(t.meanAcceptance() > 0.3 && t.meanAcceptance() < 0.95, "acceptance " + t.meanAcceptance());
  }

  @Test
  void perChainAcceptanceIsTheFractionOfMovesAndAgreesWithTheStepMeans() {
    Trace t = malaRun(7);
    double[] perChain = t.chainAcceptance();
    double mean = Arrays.stream(perChain).average().orElseThrow();
    assertEquals(t.meanAcceptance(), mean, 0.01);
    Table c = t.chainTable();
    assertEquals(64, c.rowCount());
    // the mean energy of x^T P x / 2 in 2-D is d/2 = 1; each chain's average of 2000 correlated draws is close
    double all = c.doubleColumn("meanEnergy").mean();
    assertEquals(1.0, all, 0.05);
    assertEquals(2500, t.stepAcceptance().length);
  }

  @Test
  void energyEvaluationsCountOnePerPointAndKernelStep() {
    Trace mala = Sampling.of(TARGET).kernel(Kernels.mala(0.3)).chains(8).warmup(5).steps(20).run();
    assertEquals(8 + 8 * 25, mala.evaluations());
    Trace hmc = Sampling.of(TARGET).kernel(Kernels.hmc(0.2, 4)).chains(8).warmup(5).steps(20).run();
    assertEquals(8 + 8 * 4 * 25, hmc.evaluations());
    assertTrue(mala.seconds() > 0);
  }

  @Test
  void thinningKeepsEveryThinthStepOfTheSameRun() {
    Trace all = Sampling.of(TARGET).kernel(Kernels.mala(0.3)).chains(5).warmup(3).steps(20).seed(1).run();
    Trace thin = Sampling.of(TARGET).kernel(Kernels.mala(0.3)).chains(5).warmup(3).steps(20).thin(4).seed(1).run();
    assertEquals(5, thin.draws());
    for (int t = 0; t < thin.draws(); t++) {
      for (int c = 0; c < 5; c++) {
        for (int j = 0; j < 2; j++) {
          assertEquals(all.value(4 * t + 3, c, j), thin.value(t, c, j));
        }
        assertEquals(all.energy(4 * t + 3, c), thin.energy(t, c));
      }
    }
    INDArray s = thin.samples();
    assertArrayEquals(new long[] {25, 2}, s.shape());
    assertEquals(thin.value(2, 3, 1), s.getDouble(2 * 5 + 3, 1));
  }

  @Test
  void sameSeedSameTraceEvenWithAnAdaptiveKernelReusedAcrossRuns() {
    Kernel adaptive = Kernels.adaptive(Kernels::mala, 1.0, 0.574, 100);
    Trace a = Ebm.sample(TARGET).kernel(adaptive).chains(3000).warmup(100).steps(20).seed(11).run();
    Trace b = Sampling.of(TARGET).kernel(adaptive).chains(3000).warmup(100).steps(20).seed(11).run();
    Trace c = Sampling.of(TARGET).kernel(adaptive).chains(3000).warmup(100).steps(20).seed(12).run();
    assertArrayEquals(Batches.toArray(a.samples()), Batches.toArray(b.samples()));
    assertFalse(Arrays.equals(Batches.toArray(a.samples()), Batches.toArray(c.samples())));
  }

  @Test
  void startingPointsComeFromX0FromASamplerOrZero() {
    Trace zero = Sampling.of(TARGET).kernel(Kernels.randomWalk(1e-12)).chains(4).warmup(0).steps(1).run();
    assertEquals(0.0, Math.abs(zero.value(0, 3, 1)), 1e-10);
    Trace fromSampler = Sampling.of(Energies.standardNormal(2)).kernel(Kernels.randomWalk(1e-12)).warmup(0)
        .steps(1).from(Energies.gaussian(new double[] {5, -5}, new double[] {1e-9, 1e-9})).chains(6).run();
    assertEquals(6, fromSampler.chains());
    assertEquals(5.0, fromSampler.value(0, 5, 0), 1e-6);
    assertEquals(-5.0, fromSampler.value(0, 5, 1), 1e-6);
    Trace fromX0 = Sampling.of(TARGET).kernel(Kernels.randomWalk(1e-12)).warmup(0).steps(1)
        .from(Batches.zeros(7, 2).addi(2.0)).run();
    assertEquals(7, fromX0.chains(), "chains default to the rows of x0");
    assertEquals(2.0, fromX0.value(0, 6, 0), 1e-10);
  }

  @Test
  void badSettingsAreRejectedNamingTheParameterAndValue() {
    Sampling s = Sampling.of(TARGET).kernel(Kernels.mala(0.1));
    assertMessage("chains must be at least 1, got 0", () -> s.chains(0));
    assertMessage("steps must be at least 1, got 0", () -> s.steps(0));
    assertMessage("warmup must be >= 0, got -1", () -> s.warmup(-1));
    assertMessage("thin must be at least 1, got 0", () -> s.thin(0));
    assertMessage("x0 must have shape [N, 2], got [4, 3]", () -> s.from(Batches.zeros(4, 3)));
    assertMessage("x0 must have shape [8, 2] for 8 chains, got [4, 2]",
        () -> Sampling.of(TARGET).kernel(Kernels.mala(0.1)).chains(8).from(Batches.zeros(4, 2)).run());
    assertMessage("kernel must be set", () -> Sampling.of(TARGET).run());
    assertMessage("steps must be at least thin to keep a draw, got steps=3 thin=5",
        () -> Sampling.of(TARGET).kernel(Kernels.mala(0.1)).steps(3).thin(5).run());
    assertMessage("exceeds the limit of 268435456",
        () -> Sampling.of(TARGET).kernel(Kernels.mala(0.1)).chains(100_000).steps(1000).run());
  }

  @Test
  void aChainThatLeavesTheFiniteRegionStopsTheRunWithItsStep() {
    // ULA with a step size far beyond stability diverges geometrically on the Gaussian
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Sampling.of(TARGET).kernel(Kernels.ula(50)).chains(2).warmup(0).steps(1000).seed(1).run());
    assertTrue(e.getMessage().contains("after step"), e.getMessage());
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), "message: " + e.getMessage());
  }
}
