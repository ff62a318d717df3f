package io.ebm4j.flow;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.StepInfo;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Flow-MCMC: independent Metropolis-Hastings with a normalizing flow q as the proposal. Every chain proposes a fresh
 * draw Y ~ q and moves there with probability
 *
 * <pre>
 *   min(1, [rho(Y) q(X)] / [rho(X) q(Y)]) = min(1, exp(U(X) - U(Y) + log q(X) - log q(Y))),
 * </pre>
 *
 * which leaves rho = exp(-U)/Z exactly invariant for any flow whose support covers rho's; the better q fits rho, the
 * closer the acceptance is to 1 and the faster the chains jump between distant modes. The proposals of all chains are
 * one batch: one flow pass for log q(X), one for the draws, one energy evaluation.
 *
 * <p>Gabrie, Rotskoff, Vanden-Eijnden, "Adaptive Monte Carlo augmented with normalizing flows", PNAS 2022,
 * https://doi.org/10.1073/pnas.2109420119.
 *
 * <pre>{@code
 * Kernel imh = FlowKernels.imh(flow);
 * Chains c = imh.init(energy, x0);
 * StepInfo info = imh.step(energy, c, rng);   // info.acceptance(): mean acceptance probability
 * }</pre>
 */
public final class FlowImh implements Kernel {
  private final RealNvp flow;
  private int n = -1;
  private double[] logqx;
  private INDArray uy;
  private INDArray gy;
  private double lastAcceptance = Double.NaN;

  FlowImh(RealNvp flow) {
    this.flow = Moves.requireFlow(flow);
  }

  /** The proposal flow (live: training it changes the proposals). */
  public RealNvp flow() {
    return flow;
  }

  /** Mean acceptance probability of the last step (NaN before the first). */
  public double lastAcceptance() {
    return lastAcceptance;
  }

  @Override
  public String name() {
    return "flowImh(" + flow + ")";
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
    return new FlowImh(flow);
  }

  @Override
  public StepInfo step(Energy e, Chains c, Rng rng) {
    Moves.requireDims(flow, e, c);
    final int size = c.size();
    if (size != n || (c.hasGradients() && gy == null)) {
      n = size;
      logqx = new double[n];
      uy = Batches.zeros(n);
      gy = c.hasGradients() ? Batches.zeros(n, c.dim()) : null;
    }
    RealNvp.Work w = flow.work(n);
    Moves.copyPositions(c, w.xb());
    flow.pullBack(w);
    for (int i = 0; i < n; i++) {
      logqx[i] = w.logBase(i) + w.ldb.get(i);
    }
    flow.draw(w, rng);
    boolean grads = c.hasGradients();
    e.evaluate(w.x(), uy, grads ? gy : null);
    final DoubleBuffer ub = Batches.buffer(c.energies());
    final DoubleBuffer uyb = Batches.buffer(uy);
    final double[] logqy = w.logq;
    final double[] lqx = logqx;
    double acc = Moves.acceptReject(c, w.xb(), uyb, grads ? Batches.buffer(gy) : null, rng,
        i -> ub.get(i) - uyb.get(i) + lqx[i] - logqy[i]);
    lastAcceptance = acc / n;
    return new StepInfo(lastAcceptance, n);
  }
}
