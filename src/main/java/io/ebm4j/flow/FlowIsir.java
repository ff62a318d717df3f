package io.ebm4j.flow;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.StepInfo;
import java.nio.DoubleBuffer;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Iterated sampling-importance-resampling (i-SIR) with a normalizing flow q: each chain draws M fresh proposals
 * Y_1..Y_M ~ q, joins them to its current state Y_0 = X, and moves to Y_k with probability proportional to the
 * importance weight w_k = exp(-U(Y_k)) / q(Y_k). This leaves rho = exp(-U)/Z exactly invariant; with M proposals the
 * chance of leaving X grows towards 1 as q fits rho or M grows. All n M proposals are one batch (one flow pass and one
 * energy evaluation).
 *
 * <p>Samsonov, Lagutin, Gabrie, Durmus, Naumov, Moulines, "Local-Global MCMC kernels: the best of both worlds",
 * NeurIPS 2022.
 *
 * <pre>{@code
 * Kernel k = FlowKernels.isir(flow, 16);
 * StepInfo info = k.step(energy, chains, rng);   // info.acceptance(): mean probability of leaving X
 * }</pre>
 */
public final class FlowIsir implements Kernel {
  private final RealNvp flow;
  private final int proposals;
  private int n = -1;
  private double[] logw0;
  private INDArray uy;
  private double lastAcceptance = Double.NaN;

  FlowIsir(RealNvp flow, int proposals) {
    this.flow = Moves.requireFlow(flow);
    if (proposals < 1) {
      throw new IllegalArgumentException("proposals must be at least 1, got " + proposals);
    }
    this.proposals = proposals;
  }

  /** Number M of fresh proposals per chain and step. */
  public int proposals() {
    return proposals;
  }

  /** The proposal flow (live). */
  public RealNvp flow() {
    return flow;
  }

  /** Mean probability of leaving the current state in the last step (NaN before the first). */
  public double lastAcceptance() {
    return lastAcceptance;
  }

  @Override
  public String name() {
    return "flowIsir(M=" + proposals + ", " + flow + ")";
  }

  @Override
  public boolean needsGradient() {
    return false;
  }

  @Override
  public boolean leavesTargetInvariant() {
    return true;
  }

  @Override
  public Kernel fresh() {
    return new FlowIsir(flow, proposals);
  }

  @Override
  public StepInfo step(Energy e, Chains c, Rng rng) {
    Moves.requireDims(flow, e, c);
    final int d = c.dim();
    final int m = proposals;
    if (c.size() != n) {
      n = c.size();
      if ((long) n * m > Integer.MAX_VALUE / Math.max(1, d)) {
        throw new IllegalArgumentException("chains times proposals is too large: " + n + " x " + m);
      }
      logw0 = new double[n];
      uy = Batches.zeros((long) n * m);
    }
    final DoubleBuffer xb = Batches.buffer(c.positions());
    final DoubleBuffer ub = Batches.buffer(c.energies());
    RealNvp.Work cur = flow.work(n);
    Moves.copyPositions(c, cur.xb());
    flow.pullBack(cur);
    for (int i = 0; i < n; i++) {
      logw0[i] = -ub.get(i) - (cur.logBase(i) + cur.ldb.get(i));
    }
    RealNvp.Work w = flow.work(n * m);
    flow.draw(w, rng);
    e.evaluate(w.x(), uy, null);
    final DoubleBuffer yb = w.xb();
    final DoubleBuffer uyb = Batches.buffer(uy);
    final double[] logqy = w.logq;
    final double[] lw0 = logw0;
    double leave = Par.sum(n, (ch, from, to) -> {
      SplitMix r = rng.stream(ch);
      double[] lw = new double[m + 1];
      double acc = 0;
      for (int i = from; i < to; i++) {
        lw[0] = lw0[i];
        double max = lw[0];
        for (int k = 1; k <= m; k++) {
          int row = i * m + k - 1;
          double v = -uyb.get(row) - logqy[row];
          lw[k] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
          max = Math.max(max, lw[k]);
        }
        double sum = 0;
        for (int k = 0; k <= m; k++) {
          lw[k] = Math.exp(lw[k] - max);
          sum += lw[k];
        }
        acc += 1 - lw[0] / sum;
        double t = r.nextDouble() * sum;
        int pick = 0;
        double cum = lw[0];
        while (pick < m && t >= cum) {
          pick++;
          cum += lw[pick];
        }
        if (pick > 0) {
          int row = i * m + pick - 1;
          for (int j = 0; j < d; j++) {
            xb.put(i * d + j, yb.get(row * d + j));
          }
          ub.put(i, uyb.get(row));
        }
      }
      return acc;
    });
    long evaluations = (long) n * m;
    if (c.hasGradients()) {
      c.refresh(e);
      evaluations += n;
    }
    lastAcceptance = leave / n;
    return new StepInfo(lastAcceptance, evaluations);
  }
}
