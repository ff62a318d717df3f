package io.ebm4j.flow;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import java.nio.DoubleBuffer;
import io.ebm4j.random.SplitMix;

/** Accept/reject of a batch of proposals into chains, through the chains' public (live) arrays only. */
final class Moves {
  /** log of the Metropolis-Hastings ratio of chain i's proposal. */
  @FunctionalInterface
  interface LogAlpha {
    double at(int i);
  }

  private Moves() {}

  /**
   * Chain i moves to row i of y (with energy uy[i] and, when gy and the chains' gradients are not null, gradient
   * row i of gy) with probability min(1, exp(logAlpha(i))). Returns the sum over chains of the acceptance
   * probabilities.
   */
  static double acceptReject(Chains c, DoubleBuffer yb, DoubleBuffer uyb, DoubleBuffer gyb, Rng rng,
      LogAlpha logAlpha) {
    final int d = c.dim();
    final DoubleBuffer xb = Batches.buffer(c.positions());
    final DoubleBuffer ub = Batches.buffer(c.energies());
    final DoubleBuffer gb = c.gradients() == null || gyb == null ? null : Batches.buffer(c.gradients());
    return Par.sum(c.size(), (ch, from, to) -> {
      SplitMix r = rng.stream(ch);
      double acc = 0;
      for (int i = from; i < to; i++) {
        double logA = logAlpha.at(i);
        acc += logA >= 0 ? 1.0 : Double.isNaN(logA) ? 0.0 : Math.exp(logA);
        if (Math.log(r.nextDouble()) < logA) {
          for (int j = 0; j < d; j++) {
            int k = i * d + j;
            xb.put(k, yb.get(k));
            if (gb != null) {
              gb.put(k, gyb.get(k));
            }
          }
          ub.put(i, uyb.get(i));
        }
      }
      return acc;
    });
  }

  /** Throws unless the energy, the chains and the flow share one dimension. */
  static void requireDims(RealNvp flow, Energy e, Chains c) {
    if (e.dim() != flow.dim()) {
      throw new IllegalArgumentException("energy must have the flow's dimension " + flow.dim() + ", got " + e.dim());
    }
    if (c.dim() != flow.dim()) {
      throw new IllegalArgumentException("chains must have the flow's dimension " + flow.dim() + ", got "
          + c.dim());
    }
  }

  /** Copies the chains' positions into dst (a dense [N, d] buffer). */
  static void copyPositions(Chains c, DoubleBuffer dst) {
    final DoubleBuffer xb = Batches.buffer(c.positions());
    final int d = c.dim();
    Par.forRange(c.size(), (ch, from, to) -> {
      for (int k = from * d; k < to * d; k++) {
        dst.put(k, xb.get(k));
      }
    });
  }

  static RealNvp requireFlow(RealNvp flow) {
    if (flow == null) {
      throw new IllegalArgumentException("flow must not be null");
    }
    return flow;
  }
}
