package io.ebm4j.sample;

import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import io.ebm4j.random.SplitMix;

/**
 * The accept/reject half of every Metropolis-Hastings kernel: the proposals sit in the kernel's scratch (y, U(y),
 * grad U(y)); chain i moves to its proposal with probability min(1, exp(logAlpha(i))). Returns the sum over chains
 * of the acceptance probabilities (a lower-variance acceptance rate than the count of accepted moves).
 */
final class Metropolis {
  /** log of the Metropolis-Hastings ratio of chain i's proposal. */
  @FunctionalInterface
  interface LogAlpha {
    double at(int i);
  }

  private Metropolis() {}

  static double acceptReject(Chains c, Proposal s, Rng rng, LogAlpha logAlpha) {
    return Par.sum(c.n, (ch, from, to) -> {
      SplitMix r = rng.stream(ch);
      double acc = 0;
      for (int i = from; i < to; i++) {
        double logA = logAlpha.at(i);
        acc += logA >= 0 ? 1.0 : Double.isNaN(logA) ? 0.0 : Math.exp(logA);
        if (Math.log(r.nextDouble()) < logA) {
          c.accept(i, s.yb, s.uyb, s.gyb);
        }
      }
      return acc;
    });
  }
}
