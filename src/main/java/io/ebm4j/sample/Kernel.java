package io.ebm4j.sample;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Markov kernel acting on a whole batch of chains, after BlackJAX: {@link #init} builds the state, {@link #step}
 * advances every chain once and reports what happened.
 *
 * <p>{@link #transport} is the step used while the energy is being trained: the parameters have just changed from
 * theta_k to theta_{k+1}, the chains' caches still hold U_{theta_k}, and the kernel must move the chains and update
 * their log-weights A so that, for any f, E[e^{A} f(X)] / E[e^{A}] = E_{theta_{k+1}}[f] and E[e^{A}] = Z_{k+1}/Z_0
 * (Jarzynski's identity in discrete time). For a kernel that leaves rho_{theta_{k+1}} invariant this is the
 * discrete rule of seed 000 (eqs. 4-5): A += U_{theta_k}(X) - U_{theta_{k+1}}(X), then one step under theta_{k+1}.
 * Unadjusted kernels (ULA) override it with their own exact correction.
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

  /** A kernel for a new run: itself for stateless kernels; a new copy for adaptive ones. */
  default Kernel fresh() {
    return this;
  }

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
   * new parameters afterwards. The default applies to invariant kernels: A += U_old(X) - U_new(X), then a step.
   */
  default StepInfo transport(Energy e, Chains c, Rng rng) {
    if (!leavesTargetInvariant()) {
      throw new UnsupportedOperationException(name() + " does not leave the target invariant and must override"
          + " transport");
    }
    final int n = c.n;
    c.ensureScratch();
    DoubleBuffer old = Batches.buffer(c.uy);
    for (int i = 0; i < n; i++) {
      old.put(i, c.ub.get(i));
    }
    c.refresh(e);
    Par.forRange(n, (ch, from, to) -> {
      for (int i = from; i < to; i++) {
        c.wb.put(i, c.wb.get(i) + old.get(i) - c.ub.get(i));
      }
    });
    StepInfo s = step(e, c, rng);
    return new StepInfo(s.acceptance(), s.evaluations() + n);
  }
}
