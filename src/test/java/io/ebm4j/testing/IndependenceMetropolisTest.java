package io.ebm4j.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.estimate.Autocorrelation;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Sampling;
import io.ebm4j.sample.Trace;
import org.junit.jupiter.api.Test;

/**
 * A kernel defined outside io.ebm4j.sample, through the public API of Chains only, samples a Gaussian with the exact
 * mean and variance, runs under the Sampling front door, and gets Jarzynski weights from the default transport.
 */
class IndependenceMetropolisTest {
  private static final double[] MU = {1.0, -2.0};
  private static final double[] SIGMA = {0.5, 1.5};

  /** z-score of the mean of f over all draws against its exact value, with the Monte Carlo error from the ESS. */
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

  @Test
  void independenceMetropolisOutsideThePackageHasTheTargetsMeanAndVariance() {
    Gaussian target = Energies.gaussian(MU, SIGMA);
    Trace t = Sampling.of(target).kernel(new IndependenceMetropolis(MU, 2.0)).chains(64).warmup(200).steps(2000)
        .seed(3).run();
    assertTrue(t.meanAcceptance() > 0.2 && t.meanAcceptance() < 0.9, "acceptance " + t.meanAcceptance());
    for (int j = 0; j < 2; j++) {
      double[][] x = t.coordinate(j);
      double[][] sq = new double[x.length][x[0].length];
      for (int c = 0; c < x.length; c++) {
        for (int k = 0; k < x[c].length; k++) {
          sq[c][k] = (x[c][k] - MU[j]) * (x[c][k] - MU[j]);
        }
      }
      double zMean = z(x, MU[j]);
      double zVar = z(sq, SIGMA[j] * SIGMA[j]);
      assertTrue(Math.abs(zMean) < 4, "coordinate " + j + ": z of the mean " + zMean);
      assertTrue(Math.abs(zVar) < 4, "coordinate " + j + ": z of the variance " + zVar);
    }
  }

  @Test
  void freshGivesEachRunItsOwnKernelAndTheSameNumbers() {
    Kernel k = new IndependenceMetropolis(MU, 2.0);
    assertNotSame(k, k.fresh());
    Gaussian target = Energies.gaussian(MU, SIGMA);
    Trace a = Sampling.of(target).kernel(k).chains(16).warmup(10).steps(50).seed(5).run();
    Trace b = Sampling.of(target).kernel(k).chains(16).warmup(10).steps(50).seed(5).run();
    assertArrayEquals(Batches.toArray(a.samples()), Batches.toArray(b.samples()));
  }

  @Test
  void defaultTransportOfAnOutsideKernelCarriesExactJarzynskiWeights() {
    // walkers from N(0, 1); the energy jumps to N(0.5, 0.8^2): E[e^A] = Z_new / Z_old = 0.8
    int n = 200_000;
    Gaussian e = Energies.standardNormal(1);
    Rng rng = new Rng(9);
    Kernel k = new IndependenceMetropolis(new double[] {0}, 1.5).fresh();
    Chains c = k.init(e, e.sample(n, rng));
    e.params().putScalar(0, 0.5);
    e.params().putScalar(1, Math.log(0.8));
    k.transport(e, c, rng);
    double[] a = Batches.toArray(c.logWeights());
    double[] x = Batches.toArray(c.positions());
    double sw = 0;
    double swx = 0;
    for (int i = 0; i < n; i++) {
      double w = Math.exp(a[i]);
      sw += w;
      swx += w * x[i];
    }
    assertEquals(0.8, sw / n, 0.01, "mean of e^A = Z_new / Z_old");
    assertEquals(0.5, swx / sw, 0.01, "weighted mean = the new mean");
  }
}
