package io.ebm4j.flow;

import io.ebm4j.energy.Energy;
import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The adaptive training of a sampler's flow: each step is one Adam step on
 *
 * <pre>
 *   (1 - lambda) KL(chains || q) + lambda KL(q || rho_beta),     rho_beta = exp(-beta U) / Z_beta,
 * </pre>
 *
 * the forward term over the current chain states (it keeps q on every mode the chains hold, so a flow-IMH or
 * global-local move never leaves a mode it cannot propose back into), the reverse term over fresh base draws (it
 * lets q find modes no chain has reached yet). The inverse temperature beta rises linearly from beta0 to 1 over the
 * first {@code annealSteps} steps, so that early on the reverse term fits a flattened target whose modes overlap and
 * q spreads over all of them instead of collapsing onto the nearest (the mode-seeking failure of reverse KL from a
 * narrow start). Over the first half of those steps the reverse weight falls from 1 to lambda: at first the forward
 * term is left out, since chains that have not mixed yet would only pull q into the mode they started in; as the
 * flattened q carries the chains to every mode, the forward term takes over and holds q on them while beta reaches
 * 1. Each step costs {@code reverseBatch} target evaluations when lambda is positive.
 *
 * <p>Gabrie, Rotskoff, Vanden-Eijnden, "Adaptive Monte Carlo augmented with normalizing flows", PNAS 2022,
 * https://doi.org/10.1073/pnas.2109420119; Grenioux, Moulines, Gabrie, "Balanced Training of Energy-Based Models
 * with Adaptive Flow Sampling", 2023, https://arxiv.org/abs/2306.00684.
 *
 * <pre>{@code
 * AdaptiveFlow a = AdaptiveFlow.of(flow, 2e-3).reverseWeight(0.3).reverseBatch(64).anneal(0.05, 500);
 * Kernel imh = FlowKernels.imh(flow);
 * for (int s = 0; s < 1000; s++) {
 *   imh.step(target, chains, rng);
 *   a.step(chains.positions(), target, rng);
 * }
 * }</pre>
 */
public final class AdaptiveFlow {
  private final FlowTrainer trainer;
  private double reverseWeight = 0.3;
  private int reverseBatch = 64;
  private double beta0 = 1;
  private int annealSteps;
  private int steps;

  private AdaptiveFlow(FlowTrainer trainer) {
    this.trainer = trainer;
  }

  /** Adapts flow in place by Adam with the given learning rate (gradients clipped to norm 100). */
  public static AdaptiveFlow of(RealNvp flow, double learningRate) {
    return new AdaptiveFlow(FlowTrainer.adam(flow, learningRate).clipNorm(100));
  }

  /** lambda in [0, 1]: the weight of the reverse-KL term (default 0.3; 0: forward KL on the chains only). */
  public AdaptiveFlow reverseWeight(double lambda) {
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("reverseWeight must be in [0, 1], got " + lambda);
    }
    this.reverseWeight = lambda;
    return this;
  }

  /** Base draws of the reverse-KL term per step (default 64). */
  public AdaptiveFlow reverseBatch(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("reverseBatch must be at least 1, got " + b);
    }
    this.reverseBatch = b;
    return this;
  }

  /** The reverse term's inverse temperature rises linearly from beta0 in (0, 1] to 1 over the first steps. */
  public AdaptiveFlow anneal(double beta0, int steps) {
    if (!(beta0 > 0 && beta0 <= 1)) {
      throw new IllegalArgumentException("beta0 must be in (0, 1], got " + beta0);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("annealSteps must be at least 0, got " + steps);
    }
    this.beta0 = beta0;
    this.annealSteps = steps;
    return this;
  }

  /** The inverse temperature of the next step's reverse term. */
  public double beta() {
    return annealSteps == 0 || steps >= annealSteps ? 1.0 : beta0 + (1 - beta0) * steps / annealSteps;
  }

  /** The reverse term's weight at the next step: from 1 down to lambda over the first half of the annealing. */
  public double currentReverseWeight() {
    if (reverseWeight == 0) {
      return 0;
    }
    double f = annealSteps == 0 ? 1.0 : Math.min(1.0, 2.0 * steps / annealSteps);
    return 1 - (1 - reverseWeight) * f;
  }

  /** Target evaluations per step (the reverse term's draws; 0 when lambda is 0). */
  public int evaluationsPerStep() {
    return reverseWeight > 0 ? reverseBatch : 0;
  }

  /** The flow being adapted. */
  public RealNvp flow() {
    return trainer.flow();
  }

  /** Steps made. */
  public int steps() {
    return steps;
  }

  /** One step on the chain states x [N, d] and the target energy u; returns the objective before the step. */
  public double step(INDArray x, Energy u, Rng rng) {
    double loss;
    if (reverseWeight == 0) {
      loss = trainer.forwardKlStep(x, null);
    } else {
      double b = beta();
      Energy target = b == 1.0 ? u : new Tempered(u, b);
      double lambda = currentReverseWeight();
      loss = lambda == 1 ? trainer.reverseKlStep(target, reverseBatch, rng)
          : trainer.mixedStep(x, null, target, reverseBatch, lambda, rng);
    }
    steps++;
    return loss;
  }

  /** beta U, with gradient beta grad U. */
  private record Tempered(Energy u, double beta) implements Energy {
    @Override
    public int dim() {
      return u.dim();
    }

    @Override
    public void evaluate(INDArray x, INDArray e, INDArray g) {
      u.evaluate(x, e, g);
      e.muli(beta);
      if (g != null) {
        g.muli(beta);
      }
    }
  }

  /** Writes the trainer's state and the adaptation step count (a checkpoint). */
  void save(io.ebm4j.nd.State s) {
    trainer.save(s.child("trainer"));
    s.putLongs("steps", steps);
  }

  /** Puts back what {@link #save} wrote. */
  void restore(io.ebm4j.nd.State s) {
    trainer.restore(s.child("trainer"));
    steps = (int) s.longs("steps")[0];
  }
}
