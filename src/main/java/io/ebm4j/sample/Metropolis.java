package io.ebm4j.sample;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.SplittableRandom;

/**
 * The accept/reject half of every Metropolis-Hastings kernel: the proposals sit in the chains' scratch arrays (y,
 * U(y), grad U(y)); chain i moves to its proposal with probability min(1, exp(logAlpha(i))). Returns the sum over
 * chains of the acceptance probabilities (a lower-variance acceptance rate than the count of accepted moves).
 */
final class Metropolis {
  /** log of the Metropolis-Hastings ratio of chain i's proposal. */
  @FunctionalInterface
  interface LogAlpha {
    double at(int i);
  }

  private Metropolis() {}

  static double acceptReject(Chains c, Rng rng, LogAlpha logAlpha) {
    final int d = c.d;
    final DoubleBuffer yb = Batches.buffer(c.y);
    final DoubleBuffer uyb = Batches.buffer(c.uy);
    final DoubleBuffer gyb = c.gy == null ? null : Batches.buffer(c.gy);
    return Par.sum(c.n, (ch, from, to) -> {
      SplittableRandom r = rng.stream(ch);
      double acc = 0;
      for (int i = from; i < to; i++) {
        double logA = logAlpha.at(i);
        acc += logA >= 0 ? 1.0 : Double.isNaN(logA) ? 0.0 : Math.exp(logA);
        if (Math.log(r.nextDouble()) < logA) {
          for (int j = 0; j < d; j++) {
            int k = i * d + j;
            c.xb.put(k, yb.get(k));
            if (gyb != null && c.gb != null) {
              c.gb.put(k, gyb.get(k));
            }
          }
          c.ub.put(i, uyb.get(i));
        }
      }
      return acc;
    });
  }
}
