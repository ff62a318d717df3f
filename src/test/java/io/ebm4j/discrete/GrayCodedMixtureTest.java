package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.testing.FiniteDifferences;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GrayCodedMixtureTest {
  private static GrayCodedMixture mixture(int bits, double sigma) {
    return GrayCodedMixture.of(new double[][] {{0.3, 0.35}, {0.72, 0.6}}, new double[] {0.3, 0.7}, sigma, bits);
  }

  @Test
  void energyOfAStateIsTheMixtureEnergyAtItsDecodedPoint() {
    GrayCodedMixture m = mixture(16, 0.05);
    INDArray x = m.sample(50, new Rng(1));
    double[] u = Batches.toArray(m.energy(x));
    double[] y = Batches.toArray(GrayCode.decode(x, 2, 16));
    for (int i = 0; i < 50; i++) {
      double[] p = {y[2 * i], y[2 * i + 1]};
      double s = 0;
      double[] w = {0.3, 0.7};
      double[][] mu = {{0.3, 0.35}, {0.72, 0.6}};
      for (int k = 0; k < 2; k++) {
        double d2 = Math.pow(p[0] - mu[k][0], 2) + Math.pow(p[1] - mu[k][1], 2);
        s += w[k] * Math.exp(-d2 / (2 * 0.05 * 0.05));
      }
      assertEquals(-Math.log(s), u[i], 1e-10, "row " + i);
    }
  }

  @Test
  void parameterGradientMatchesCentralFiniteDifferences() {
    GrayCodedMixture m = mixture(16, 0.08);
    m.params().putScalar(0, 0.4);
    INDArray x = m.sample(30, new Rng(2));
    double[] wv = new double[30];
    Rng rng = new Rng(3);
    for (int i = 0; i < 30; i++) {
      wv[i] = rng.uniform() * 2;
    }
    INDArray w = Batches.vector(wv);
    double[] g = FiniteDifferences.paramGradient(m, x, w);
    for (int k = 0; k < m.numParams(); k++) {
      double fd = FiniteDifferences.dParam(m, k, 1e-6, () -> m.energy(x).mul(w).sumNumber().doubleValue());
      assertEquals(fd, g[k], 1e-5 * Math.max(1, Math.abs(fd)), m.paramNames()[k]);
    }
  }

  @Test
  void flipDeltasEqualEnergyDifferences() {
    GrayCodedMixture m = mixture(8, 0.1);
    INDArray x = m.sample(20, new Rng(4));
    INDArray d = m.flipDeltas(x);
    double[] u = Batches.toArray(m.energy(x));
    for (int i = 0; i < 20; i++) {
      for (int s = 0; s < 16; s++) {
        INDArray y = x.getRow(i).dup().reshape(1, 16);
        y.putScalar(0, s, 1 - y.getDouble(0, s));
        assertEquals(m.energy(y).getDouble(0) - u[i], d.getDouble(i, s), 1e-10, "row " + i + " site " + s);
      }
    }
  }

  @Test
  void samplesPutEachBumpsWeightNearItAndHaveItsMean() {
    GrayCodedMixture m = mixture(16, 0.04);
    int n = 20_000;
    double[] y = Batches.toArray(GrayCode.decode(m.sample(n, new Rng(5)), 2, 16));
    int near0 = 0;
    double mx = 0;
    for (int i = 0; i < n; i++) {
      boolean first = Math.hypot(y[2 * i] - 0.3, y[2 * i + 1] - 0.35) < Math.hypot(y[2 * i] - 0.72, y[2 * i + 1] - 0.6);
      if (first) {
        near0++;
        mx += y[2 * i];
      }
    }
    double f = (double) near0 / n;
    double se = Math.sqrt(0.3 * 0.7 / n);
    assertEquals(0.3, f, 4 * se, "fraction near the first bump");
    assertEquals(0.3, mx / near0, 4 * 0.04 / Math.sqrt(near0), "mean x near the first bump");
  }

  @Test
  void bitFlipMetropolisLeavesTheExactDistributionInvariant() {
    GrayCodedMixture m = GrayCodedMixture.of(new double[][] {{0.3, 0.4}, {0.7, 0.6}}, new double[] {0.4, 0.6}, 0.2,
        3);
    double[] p = ExactPartition.probabilities(m);
    int n = 4000;
    INDArray x0 = Batches.zeros(n, 6);
    Rng draw = new Rng(6);
    for (int i = 0; i < n; i++) {
      double u = draw.uniform();
      int s = 0;
      while (s < p.length - 1 && u >= p[s]) {
        u -= p[s];
        s++;
      }
      for (int b = 0; b < 6; b++) {
        x0.putScalar(i, b, (s >> b) & 1);
      }
    }
    DiscreteKernel<BinaryEnergy> k = DiscreteKernels.metropolis(Scan.RANDOM);
    BinaryChains c = k.init(m, x0);
    Rng rng = new Rng(7);
    for (int t = 0; t < 20; t++) {
      k.step(m, c, rng);
    }
    double[] counts = new double[p.length];
    for (int i = 0; i < n; i++) {
      counts[ExactPartition.index(c.positions(), i)] += 1.0 / n;
    }
    for (int s = 0; s < p.length; s++) {
      double se = Math.sqrt(p[s] * (1 - p[s]) / n);
      assertEquals(p[s], counts[s], 4.5 * se + 1e-9, "state " + s);
    }
  }

  @Test
  void badInputNamesTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GrayCodedMixture.of(new double[][] {{0.3, 0.4}}, new double[] {1}, -0.1, 16));
    assertTrue(e.getMessage().contains("sigma") && e.getMessage().contains("-0.1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GrayCodedMixture.of(new double[][] {{0.3, 1.4}}, new double[] {1}, 0.1, 16));
    assertTrue(e.getMessage().contains("means"), e.getMessage());
  }
}
