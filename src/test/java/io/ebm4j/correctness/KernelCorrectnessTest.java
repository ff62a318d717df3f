package io.ebm4j.correctness;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Energy;
import io.ebm4j.energy.GaussianMixture;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Kernels;
import io.ebm4j.sample.StepInfo;
import io.ebm4j.sample.Trace;
import io.ebm4j.testing.Stat;
import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.util.stream.Stream;

/**
 * Every continuous kernel against targets with exact answers, through the statistical harness ({@link Stat}:
 * ESS-based z-scores at |z| <= 4.5, KS at p >= 1e-5): a correlated Gaussian (means, variances, covariance, and
 * the KS distribution of a marginal) and a two-mode mixture with a low barrier (the exact mass of each mode).
 * ULA's O(h) bias is measured against its exact value, not hidden; and a deliberately broken kernel (MALA whose
 * acceptance ignores the proposal's asymmetry) is caught.
 */
class KernelCorrectnessTest {
  /** U(x) = x^T P x / 2 with covariance S = [[1, rho], [rho, 1]], rho = 0.6. */
  static final double RHO = 0.6;

  static Energy correlatedGaussian() {
    double det = 1 - RHO * RHO;
    return Energies.of(2, x -> {
      INDArray u = Batches.zeros(x.rows());
      DoubleBuffer xb = Batches.buffer(x);
      for (int i = 0; i < x.rows(); i++) {
        double a = xb.get(2 * i);
        double b = xb.get(2 * i + 1);
        u.putScalar(i, (a * a - 2 * RHO * a * b + b * b) / (2 * det));
      }
      return u;
    }, x -> {
      INDArray g = Batches.zeros(x.rows(), 2);
      DoubleBuffer xb = Batches.buffer(x);
      for (int i = 0; i < x.rows(); i++) {
        double a = xb.get(2 * i);
        double b = xb.get(2 * i + 1);
        g.putScalar(i, 0, (a - RHO * b) / det);
        g.putScalar(i, 1, (b - RHO * a) / det);
      }
      return g;
    });
  }

  static Map<String, Supplier<Kernel>> kernels() {
    Map<String, Supplier<Kernel>> k = new LinkedHashMap<>();
    k.put("random-walk Metropolis", () -> Kernels.randomWalk(0.9));
    k.put("MALA", () -> Kernels.mala(0.4));
    k.put("HMC", () -> Kernels.hmc(0.25, 8));
    k.put("adaptive MALA", () -> Kernels.adaptive(Kernels::mala, 0.1, 0.6, 300));
    k.put("adaptive HMC", () -> Kernels.adaptive(h -> Kernels.hmc(h, 5), 0.1, 0.7, 300));
    return k;
  }

  private static Trace sample(Energy e, Kernel k, int chains, int steps, long seed) {
    return Ebm.sample(e).kernel(k).chains(chains).from(Batches.zeros(chains, e.dim())).warmup(500).steps(steps)
        .seed(seed).run();
  }

  private static double[][] coord(Trace t, int j) {
    return t.coordinate(j);
  }

  @TestFactory
  Stream<DynamicTest> everyKernelSamplesTheCorrelatedGaussian() {
    return kernels().entrySet().stream().map(en -> DynamicTest.dynamicTest(en.getKey(), () -> {
      Trace t = sample(correlatedGaussian(), en.getValue().get(), 32, 3000, 7);
      double[][] x = coord(t, 0);
      double[][] y = coord(t, 1);
      Stat.assertMean(en.getKey() + " E[x]", x, 0);
      Stat.assertMean(en.getKey() + " E[y]", y, 0);
      Stat.assertMean(en.getKey() + " E[x^2]", Stat.map(x, v -> v * v), 1);
      Stat.assertMean(en.getKey() + " E[y^2]", Stat.map(y, v -> v * v), 1);
      double[][] xy = new double[x.length][];
      for (int c = 0; c < x.length; c++) {
        xy[c] = new double[x[c].length];
        for (int i = 0; i < x[c].length; i++) {
          xy[c][i] = x[c][i] * y[c][i];
        }
      }
      Stat.assertMean(en.getKey() + " E[xy]", xy, RHO);
      Stat.assertDistribution(en.getKey() + " marginal of x", Stat.thin(x, 30), Stat::normalCdf);
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyKernelWeighsTheModesOfALowBarrierMixture() {
    // modes at -+1.2 (unit variance): a low barrier; exact P(x1 > 0) from the two Gaussian masses
    GaussianMixture m = Energies.mixture(new double[][] {{-1.2}, {1.2}}, new double[] {0.3, 0.7});
    double exact = 0.3 * (1 - Stat.normalCdf(1.2)) + 0.7 * Stat.normalCdf(1.2);
    return kernels().entrySet().stream().map(en -> DynamicTest.dynamicTest(en.getKey(), () -> {
      Trace t = sample(m, en.getValue().get(), 32, 4000, 11);
      Stat.assertMean(en.getKey() + " P(x > 0)", Stat.map(coord(t, 0), v -> v > 0 ? 1 : 0), exact);
    }));
  }

  @Test
  void ulaHasItsKnownOrderHBiasOnAGaussian() {
    // ULA on N(0, 1): x' = (1 - h) x + sqrt(2h) xi has stationary variance 2h / (1 - (1 - h)^2) = 1 / (1 - h/2)
    double h = 0.4;
    Trace t = sample(Energies.standardNormal(1), Kernels.ula(h), 32, 4000, 3);
    double[][] x2 = Stat.map(coord(t, 0), v -> v * v);
    Stat.assertMean("ULA variance at h = 0.4 (exact biased value 1.25)", x2, 1 / (1 - h / 2));
    AssertionError unbiased = assertThrows(AssertionError.class,
        () -> Stat.assertMean("ULA variance against the target's 1", x2, 1.0));
    assertTrue(unbiased.getMessage().contains("z ="), unbiased.getMessage());
  }

  /** MALA's proposal with the random-walk acceptance: not reversible for the target, so biased. */
  static final class BrokenMala implements Kernel {
    private final double h;

    BrokenMala(double h) {
      this.h = h;
    }

    @Override
    public String name() {
      return "broken-mala";
    }

    @Override
    public boolean needsGradient() {
      return true;
    }

    @Override
    public boolean leavesTargetInvariant() {
      return true;
    }

    @Override
    public StepInfo step(Energy e, Chains c, Rng rng) {
      int n = c.size();
      int d = c.dim();
      INDArray y = Batches.zeros(n, d);
      DoubleBuffer yb = Batches.buffer(y);
      DoubleBuffer xb = c.positionBuffer();
      DoubleBuffer gb = c.gradientBuffer();
      for (int k = 0; k < n * d; k++) {
        yb.put(k, xb.get(k) - h * gb.get(k) + Math.sqrt(2 * h) * rng.normal());
      }
      INDArray uy = Batches.zeros(n);
      INDArray gy = Batches.zeros(n, d);
      e.evaluate(y, uy, gy);
      DoubleBuffer ub = c.energyBuffer();
      double acc = 0;
      for (int i = 0; i < n; i++) {
        double a = Math.min(1, Math.exp(ub.get(i) - uy.getDouble(i))); // the missing q(x|y)/q(y|x) factor
        acc += a;
        if (rng.uniform() < a) {
          c.accept(i, yb, Batches.buffer(uy), Batches.buffer(gy));
        }
      }
      return new StepInfo(acc / n, n);
    }
  }

  @Test
  void aDeliberatelyBrokenKernelFailsTheHarness() {
    Trace t = sample(correlatedGaussian(), new BrokenMala(0.6), 32, 3000, 5);
    double[][] x2 = Stat.map(coord(t, 0), v -> v * v);
    AssertionError e = assertThrows(AssertionError.class, () -> Stat.assertMean("broken MALA E[x^2]", x2, 1));
    assertTrue(e.getMessage().contains("broken MALA"), e.getMessage());
  }
}
