package io.ebm4j.sample;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A kernel's scratch for one batch of proposals: points y [N, d], their energies u(y) [N] and gradients
 * grad U(y) [N, d] (when the chains cache gradients), momenta [N, d] for HMC, and one double per chain. Owned by a
 * kernel, allocated on first use for the chains' size and reused while the size stays the same; this is why a
 * kernel that runs several batches at once must be obtained per run through {@link Kernel#fresh()}.
 */
final class Proposal {
  final int n;
  final int d;
  final INDArray y;
  final INDArray uy;
  final INDArray gy;
  final DoubleBuffer yb;
  final DoubleBuffer uyb;
  final DoubleBuffer gyb;
  final double[] perChain;
  private INDArray p;
  private DoubleBuffer pb;

  private Proposal(int n, int d, boolean gradients) {
    this.n = n;
    this.d = d;
    this.y = Batches.zeros(n, d);
    this.uy = Batches.zeros(n);
    this.gy = gradients ? Batches.zeros(n, d) : null;
    this.yb = Batches.buffer(y);
    this.uyb = Batches.buffer(uy);
    this.gyb = gradients ? Batches.buffer(gy) : null;
    this.perChain = new double[n];
  }

  /** {@code s} when it fits chains c, else new scratch for c. */
  static Proposal fit(Proposal s, Chains c) {
    if (s != null && s.n == c.n && s.d == c.d && (s.gy != null) == c.hasGradients()) {
      return s;
    }
    return new Proposal(c.n, c.d, c.hasGradients());
  }

  /**
   * Hands the scratch of kernel {@code from} on to kernel {@code to} (both of this package's Metropolis-Hastings
   * kernels; anything else is left alone). {@link DualAveraging} builds a new kernel at every adapted step size and
   * would otherwise allocate the scratch again at every warm-up step.
   */
  static void handOver(Kernel from, Kernel to) {
    Proposal s = from instanceof Mala m ? m.scratch
        : from instanceof Hmc h ? h.scratch
        : from instanceof RandomWalkMetropolis r ? r.scratch
        : null;
    if (s == null) {
      return;
    }
    if (to instanceof Mala m) {
      m.scratch = s;
    } else if (to instanceof Hmc h) {
      h.scratch = s;
    } else if (to instanceof RandomWalkMetropolis r) {
      r.scratch = s;
    }
  }

  /** Momenta [N, d] as a dense buffer, allocated on first use. */
  DoubleBuffer momenta() {
    if (p == null) {
      p = Batches.zeros(n, d);
      pb = Batches.buffer(p);
    }
    return pb;
  }
}
