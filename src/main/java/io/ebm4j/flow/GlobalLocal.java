package io.ebm4j.flow;

import io.ebm4j.energy.Energy;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.StepInfo;

/**
 * Global-local sampling: each step is one global move with a normalizing flow (independent Metropolis-Hastings, or
 * i-SIR with M proposals) that lets chains jump between modes, followed by {@code localSteps} steps of a local
 * kernel (e.g. MALA) that explore within a mode. Optionally the flow is adapted on the fly: every
 * {@code adaptEvery} steps, one Adam step on the forward KL over the current chain states, -mean_i log q(X_i).
 * Both moves leave rho = exp(-U)/Z invariant for the flow in use at the time; adaptation makes the flow depend on the
 * past, as in adaptive MCMC.
 *
 * <p>Gabrie, Rotskoff, Vanden-Eijnden, "Adaptive Monte Carlo augmented with normalizing flows", PNAS 2022,
 * https://doi.org/10.1073/pnas.2109420119; Samsonov, Lagutin, Gabrie, Durmus, Naumov, Moulines, "Local-Global MCMC
 * kernels: the best of both worlds", NeurIPS 2022.
 *
 * <pre>{@code
 * GlobalLocal k = FlowKernels.globalLocal(flow, Kernels.mala(0.05)).localSteps(2).adaptEvery(5, 1e-3);
 * Chains c = k.init(energy, x0);
 * k.step(energy, c, rng);
 * double global = k.lastGlobalAcceptance(), local = k.lastLocalAcceptance();
 * }</pre>
 *
 * The reported {@link StepInfo#acceptance()} is the mean over the step's moves (one global, localSteps local).
 * With adaptation, {@link #flow()} is trained in place; {@link #fresh()} returns a kernel adapting its own copy.
 */
public final class GlobalLocal implements Kernel {
  private final RealNvp flow;
  private final Kernel local;
  private final Kernel global;
  private final int proposals;
  private final int localSteps;
  private final int adaptEvery;
  private final double learningRate;
  private final FlowTrainer trainer;
  private long steps;
  private double lastGlobal = Double.NaN;
  private double lastLocal = Double.NaN;

  GlobalLocal(RealNvp flow, Kernel local, int proposals, int localSteps, int adaptEvery, double learningRate) {
    this.flow = Moves.requireFlow(flow);
    if (local == null) {
      throw new IllegalArgumentException("local kernel must not be null");
    }
    if (!local.leavesTargetInvariant()) {
      throw new IllegalArgumentException("local kernel must leave the target invariant, got " + local.name());
    }
    if (proposals < 0) {
      throw new IllegalArgumentException("proposals must be 0 (independent Metropolis-Hastings) or at least 1"
          + " (i-SIR), got " + proposals);
    }
    if (localSteps < 0) {
      throw new IllegalArgumentException("localSteps must be at least 0, got " + localSteps);
    }
    if (adaptEvery < 0) {
      throw new IllegalArgumentException("adaptEvery must be at least 0 (0: no adaptation), got " + adaptEvery);
    }
    this.local = local;
    this.proposals = proposals;
    this.localSteps = localSteps;
    this.adaptEvery = adaptEvery;
    this.learningRate = learningRate;
    this.global = proposals == 0 ? new FlowImh(flow) : new FlowIsir(flow, proposals);
    this.trainer = adaptEvery > 0 ? FlowTrainer.adam(flow, learningRate) : null;
  }

  /** Number of local steps after each global move (default 1). */
  public GlobalLocal localSteps(int k) {
    return new GlobalLocal(flow, local, proposals, k, adaptEvery, learningRate);
  }

  /** Global moves by i-SIR with M fresh proposals instead of independent Metropolis-Hastings. */
  public GlobalLocal isir(int m) {
    if (m < 1) {
      throw new IllegalArgumentException("proposals must be at least 1, got " + m);
    }
    return new GlobalLocal(flow, local, m, localSteps, adaptEvery, learningRate);
  }

  /** Adapts the flow by one forward-KL Adam step (learning rate lr) on the chain states every k steps. */
  public GlobalLocal adaptEvery(int k, double lr) {
    if (k < 1) {
      throw new IllegalArgumentException("adaptEvery must be at least 1, got " + k);
    }
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("learningRate must be positive and finite, got " + lr);
    }
    return new GlobalLocal(flow, local, proposals, localSteps, k, lr);
  }

  /** The flow of the global moves (trained in place when adapting). */
  public RealNvp flow() {
    return flow;
  }

  /** Mean acceptance probability of the last global move (for i-SIR: probability of leaving the state). */
  public double lastGlobalAcceptance() {
    return lastGlobal;
  }

  /** Mean acceptance probability of the last step's local moves (NaN when localSteps is 0). */
  public double lastLocalAcceptance() {
    return lastLocal;
  }

  @Override
  public String name() {
    return "globalLocal(" + global.name() + ", " + local.name() + " x" + localSteps
        + (adaptEvery > 0 ? ", adaptEvery=" + adaptEvery + ", lr=" + learningRate : "") + ")";
  }

  @Override
  public boolean needsGradient() {
    return local.needsGradient();
  }

  @Override
  public boolean leavesTargetInvariant() {
    return true;
  }

  @Override
  public Kernel fresh() {
    RealNvp f = adaptEvery > 0 ? flow.copy() : flow;
    return new GlobalLocal(f, local.fresh(), proposals, localSteps, adaptEvery, learningRate);
  }

  @Override
  public StepInfo step(Energy e, Chains c, Rng rng) {
    StepInfo g = global.step(e, c, rng);
    lastGlobal = g.acceptance();
    long evaluations = g.evaluations();
    double loc = 0;
    for (int s = 0; s < localSteps; s++) {
      StepInfo l = local.step(e, c, rng);
      loc += l.acceptance();
      evaluations += l.evaluations();
    }
    lastLocal = localSteps > 0 ? loc / localSteps : Double.NaN;
    steps++;
    if (trainer != null && steps % adaptEvery == 0) {
      trainer.forwardKlStep(c.positions(), null);
    }
    return new StepInfo((lastGlobal + loc) / (1 + localSteps), evaluations);
  }
}
