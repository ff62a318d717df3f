package io.ebm4j.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;

/** Runs a kernel on a 1-D energy from fixed starts and checks the chains' mean and variance against exact values. */
final class SamplingMoments {
  private SamplingMoments() {}

  static void check(Energy e, Kernel k, int chains, int steps, long seed, double mean, double variance, double tolMean,
      double tolVariance) {
    Chains c = k.init(e, Batches.zeros(chains, 1));
    Rng rng = new Rng(seed);
    for (int t = 0; t < steps; t++) {
      k.step(e, c, rng);
    }
    double[] x = Batches.toArray(c.positions());
    double m = 0;
    for (double v : x) {
      m += v / x.length;
    }
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m) / x.length;
    }
    assertEquals(mean, m, tolMean, k.name() + " mean");
    assertEquals(variance, s, tolVariance, k.name() + " variance");
  }
}
