package io.ebm4j.sample;

import io.ebm4j.energy.Energy;
import io.ebm4j.random.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Markov kernel acting on a whole batch of chains, after BlackJAX: {@link #init} builds the state, {@link #step}
 * advances every chain once and reports what happened.
 *
 * <p>{@link #transport} is the step used while the energy is being trained: the parameters have just changed from
 * theta_k to theta_{k+1}, the chains' caches still hold U_{theta_k}, and the kernel must move the chains and update
 * their log-weights A so that, for any f, E[e^{A} f(X)] / E[e^{A}] = E_{theta_{k+1}}[f] and E[e^{A}] = Z_{k+1}/Z_0
 * (Jarzynski's identity in discrete time). For a kernel that leaves rho_{theta_{k+1}} invariant this is the
 * discrete rule of Carbone, Hua, Coste, Vanden-Eijnden, "Efficient training of energy-based models using Jarzynski
 * equality", NeurIPS 2023, https://arxiv.org/abs/2305.19414 (eqs. 4-5): A += U_{theta_k}(X) - U_{theta_{k+1}}(X)
 * ({@link Chains#reweight}), then one step under theta_{k+1}. Unadjusted kernels (ULA) override it with their own exact correction.
 *
 * <p>A kernel may be defined outside this package: it reads and writes the chains through their public buffers and
 * {@link Chains#accept}, and keeps its own scratch (returning a new copy from {@link #fresh()}).
 *
 * <pre>{@code
 * Kernel k = Kernels.mala(0.05);
 * Chains c = k.init(energy, x0);
 * StepInfo info = k.step(energy, c, new Rng(1));
 * }</pre>
 */
public interface Kernel {
  /** A short name such as "ula(h=0.1)". */
  String name();

  /** Whether the kernel uses grad U (then chains cache gradients). */
  boolean needsGradient();

  /** Whether one step leaves exp(-U)/Z exactly invariant (false for ULA). */
  boolean leavesTargetInvariant();

  /**
   * A kernel for a new run: itself for kernels without state; a new copy for kernels that keep scratch arrays or
   * adaptation state, so that runs never share them. Code that drives a kernel on its own chains (training
   * methods, {@link Sampling}) calls this once per run.
   */
  default Kernel fresh() {
    return this;
  }

  /**
   * Saves the kernel's adaptation state for a checkpoint (scratch buffers are not state). Stateless kernels save
   * nothing; a kernel that adapts (step size, a trained proposal) must override this and {@link #restore}.
   */
  default void save(io.ebm4j.nd.State s) {}

  /** Restores what {@link #save} wrote. */
  default void restore(io.ebm4j.nd.State s) {}

  /** Chains at x0 [N, d] with caches evaluated under e. */
  default Chains init(Energy e, INDArray x0) {
    Chains c = Chains.of(x0, e.dim(), needsGradient());
    c.refresh(e);
    return c;
  }

  /** One step of every chain under e; the caches must be valid for e's current parameters, and stay so. */
  StepInfo step(Energy e, Chains c, Rng rng);

  /**
   * One step right after e's parameters changed, updating log-weights as described above; caches are valid for the
   * new parameters afterwards. The default applies to invariant kernels: {@link Chains#reweight} (A += U_old(X) -
   * U_new(X)), then a step.
   */
  default StepInfo transport(Energy e, Chains c, Rng rng) {
    if (!leavesTargetInvariant()) {
      throw new UnsupportedOperationException(name() + " does not leave the target invariant and must override"
          + " transport");
    }
    c.reweight(e);
    StepInfo s = step(e, c, rng);
    return new StepInfo(s.acceptance(), s.evaluations() + c.size());
  }
}
