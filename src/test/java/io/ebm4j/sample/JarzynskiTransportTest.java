package io.ebm4j.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.estimate.WeightSummary;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Jarzynski identity in discrete time: walkers drawn from rho_0 and moved by {@link Kernel#transport} while the
 * energy changes carry weights such that sum_i W_i f(X_i) = E_{theta_K}[f] and log mean e^{A} = log Z_K / Z_0, for
 * any step size. Checked on Gaussians, where everything is exact, with a step size large enough that ULA alone is
 * badly biased.
 */
class JarzynskiTransportTest {
  private static final int N = 100_000;

  private record Moments(double mean, double var, double logZRatio, double ess, double rawVar) {}

  private static Moments transport(Kernel k, int steps, long seed) {
    Gaussian e = Energies.standardNormal(1);
    double logZ0 = e.logZ();
    Rng rng = new Rng(seed);
    Chains c = k.init(e, e.sample(N, rng));
    for (int t = 1; t <= steps; t++) {
      double s = (double) Math.min(t, 10) / 10; // move the energy over 10 steps, then hold it
      e.params().putScalar(0, 1.5 * s);
      e.params().putScalar(1, Math.log(1 + (0.7 - 1) * s));
      k.transport(e, c, rng);
    }
    INDArray w = Batches.zeros(N);
    WeightSummary ws = c.normalizedWeights(w);
    double[] x = Batches.toArray(c.positions());
    double[] wv = Batches.toArray(w);
    double m = 0;
    double raw = 0;
    for (int i = 0; i < N; i++) {
      m += wv[i] * x[i];
      raw += x[i];
    }
    raw /= N;
    double v = 0;
    double rv = 0;
    for (int i = 0; i < N; i++) {
      v += wv[i] * (x[i] - m) * (x[i] - m);
      rv += (x[i] - raw) * (x[i] - raw);
    }
    return new Moments(m, v, ws.logMeanExp(), ws.essFraction(), rv / N);
  }

  private static void assertExact(Moments r, String what) {
    double n = r.ess() * N;
    assertEquals(1.5, r.mean(), 5 * 0.7 / Math.sqrt(n), what + " weighted mean");
    assertEquals(0.49, r.var(), 5 * 0.49 * Math.sqrt(2 / n), what + " weighted variance");
    assertEquals(Math.log(0.7), r.logZRatio(), 5 / Math.sqrt(n), what + " log Z_K/Z_0");
  }

  @Test
  void ulaWeightsAreExactAtALargeStepSize() {
    Moments r = transport(Kernels.ula(0.3), 10, 1);
    assertExact(r, "ULA h=0.3 during the change");
    Moments held = transport(Kernels.ula(0.3), 60, 2);
    assertExact(held, "ULA h=0.3, 50 more steps at fixed energy");
    // without weights ULA is far off: its stationary variance is 0.49 / (1 - 0.3 / 0.98) = 0.706
    assertTrue(held.rawVar() > 0.62, "unweighted variance " + held.rawVar());
  }

  @Test
  void invariantKernelsUseTheDiscreteRuleAndAreExactToo() {
    assertExact(transport(Kernels.mala(0.3), 30, 3), "MALA");
    assertExact(transport(Kernels.randomWalk(0.7), 30, 4), "RWM");
    assertExact(transport(Kernels.hmc(0.3, 5), 30, 5), "HMC");
    assertExact(transport(Kernels.adaptive(Kernels::mala, 0.5, 0.574, 20), 30, 6), "adaptive MALA");
  }
}
