package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.StepInfo;
import java.nio.DoubleBuffer;
import io.ebm4j.random.SplitMix;

/**
 * Block Gibbs for RBMs, v -> h -> v: h ~ p(h | v) = Bernoulli(sigmoid(v W^T + c)), then v ~ p(v | h) =
 * Bernoulli(sigmoid(h W + b)), for the whole batch with one gemm per half-sweep and fused sampling loops. The hidden
 * pre-activations of the new v (one more gemm) are cached with the free energies, so the next sweep and the RBM's
 * parameter gradient start from them. Hinton, "Training products of experts by minimizing contrastive divergence",
 * Neural Computation 14(8), 2002.
 */
final class BlockGibbs implements DiscreteKernel<Rbm> {
  @Override
  public String name() {
    return "gibbs(block)";
  }

  @Override
  public void refresh(Rbm e, BinaryChains c) {
    if (c.pre == null || c.pre.columns() != e.hidden()) {
      c.pre = Batches.zeros(c.n, e.hidden());
    }
    e.hiddenPre(c.x, c.pre);
    e.freeEnergyFromPre(c.x, c.pre, c.u);
  }

  @Override
  public StepInfo step(Rbm e, BinaryChains c, Rng rng) {
    final int nh = e.hidden();
    final int nv = e.visible();
    if (c.hidden == null || c.hidden.columns() != nh) {
      c.hidden = Batches.zeros(c.n, nh);
    }
    if (c.visiblePre == null || c.visiblePre.columns() != nv) {
      c.visiblePre = Batches.zeros(c.n, nv);
    }
    final DoubleBuffer pb = Batches.buffer(c.pre);
    final DoubleBuffer hb = Batches.buffer(c.hidden);
    Par.forRange(c.n, (ch, from, to) -> {
      SplitMix r = rng.stream(ch);
      for (int k = from * nh; k < to * nh; k++) {
        hb.put(k, r.nextDouble() < Bin.sigmoid(pb.get(k)) ? 1.0 : 0.0);
      }
    });
    e.visiblePre(c.hidden, c.visiblePre);
    final DoubleBuffer vb = Batches.buffer(c.visiblePre);
    Par.forRange(c.n, (ch, from, to) -> {
      SplitMix r = rng.stream(ch);
      for (int k = from * nv; k < to * nv; k++) {
        c.xb.put(k, r.nextDouble() < Bin.sigmoid(vb.get(k)) ? 1.0 : 0.0);
      }
    });
    refresh(e, c);
    return new StepInfo(1.0, c.n);
  }
}
