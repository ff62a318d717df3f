package io.ebm4j.discrete;

import io.ebm4j.random.Rng;
import io.ebm4j.sample.StepInfo;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Markov kernel on binary states that leaves exp(-U)/Z invariant, acting on a whole batch of chains. {@link #init}
 * builds the state, {@link #step} advances every chain by one sweep (n single-site updates, or one block update).
 *
 * <p>{@link #transport} is the step used while the energy is trained: the parameters have just changed from theta_k
 * to theta_{k+1} and the chains' caches still hold U_{theta_k}(X_k). It applies the discrete Jarzynski rule of
 * Carbone, Hua, Coste, Vanden-Eijnden, "Efficient Training of Energy-Based Models Using Jarzynski Equality", NeurIPS
 * 2023, https://arxiv.org/abs/2305.19414:
 *
 * <pre>
 *   A_{k+1} = A_k + U_{theta_k}(X_k) - U_{theta_{k+1}}(X_k),   then X_{k+1} ~ kernel at theta_{k+1}
 * </pre>
 *
 * so that E[e^{A_k}] = Z_{theta_k}/Z_{theta_0} and e^{A}-weighted averages estimate expectations under theta_k. Any
 * kernel leaving exp(-U_theta) invariant qualifies.
 *
 * <pre>{@code
 * DiscreteKernel<Rbm> k = DiscreteKernels.blockGibbs();
 * BinaryChains c = k.init(rbm, x0);
 * StepInfo info = k.step(rbm, c, new Rng(1));
 * }</pre>
 *
 * @param <E> the energies the kernel applies to
 */
public interface DiscreteKernel<E extends BinaryEnergy> {
  /** A short name such as "gibbs(systematic)". */
  String name();

  /** Chains at x0 [N, n] (validated, copied) with caches evaluated under e. */
  default BinaryChains init(E e, INDArray x0) {
    BinaryChains c = BinaryChains.of(x0, e);
    refresh(e, c);
    return c;
  }

  /** Recomputes the chains' caches at their positions under e's current parameters. */
  default void refresh(E e, BinaryChains c) {
    e.evaluate(c.x, c.u, null);
  }

  /** One sweep of every chain under e; the caches must be valid for e's current parameters, and stay so. */
  StepInfo step(E e, BinaryChains c, Rng rng);

  /** A += U_old(X) - U_new(X) with caches refreshed under e's new parameters, then one {@link #step}. */
  default StepInfo transport(E e, BinaryChains c, Rng rng) {
    DoubleBuffer old = c.oldEnergies();
    for (int i = 0; i < c.n; i++) {
      old.put(i, c.ub.get(i));
    }
    refresh(e, c);
    for (int i = 0; i < c.n; i++) {
      c.wb.put(i, c.wb.get(i) + old.get(i) - c.ub.get(i));
    }
    StepInfo s = step(e, c, rng);
    return new StepInfo(s.acceptance(), s.evaluations() + c.n);
  }

}
