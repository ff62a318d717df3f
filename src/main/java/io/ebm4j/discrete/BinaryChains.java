package io.ebm4j.discrete;

import io.ebm4j.estimate.EffectiveSampleSize;
import io.ebm4j.estimate.WeightSummary;
import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state of N chains on binary states: positions x [N, n], cached energies u [N] at the energy's current
 * parameters, and log-weights A [N] for Jarzynski reweighting (zero when unweighted). Kernels keep the caches valid
 * (block Gibbs for RBMs also caches the hidden pre-activations, which its next sweep and the RBM gradient reuse).
 *
 * <pre>{@code
 * DiscreteKernel<IsingGrid> k = DiscreteKernels.checkerboard();
 * BinaryChains c = k.init(grid, x0);
 * for (int t = 0; t < 100; t++) k.step(grid, c, rng);
 * }</pre>
 */
public final class BinaryChains {
  final int n;
  final int d;
  final INDArray x;
  final INDArray u;
  final INDArray logW;
  final DoubleBuffer xb;
  final DoubleBuffer ub;
  final DoubleBuffer wb;
  private long resamplings;
  /** Hidden pre-activations v W^T + c [N, n_h] (RBM block Gibbs), valid with u; null otherwise. */
  INDArray pre;
  /** Kernel scratch. */
  INDArray hidden;
  INDArray visiblePre;
  INDArray old;

  private BinaryChains(INDArray x0) {
    this.n = (int) x0.rows();
    this.d = (int) x0.columns();
    this.x = x0.dup('c');
    this.u = Batches.zeros(n);
    this.logW = Batches.zeros(n);
    this.xb = Batches.buffer(x);
    this.ub = Batches.buffer(u);
    this.wb = Batches.buffer(logW);
  }

  /** Chains at x0 [N, n] (validated against e's size and encoding, copied); caches are filled by the kernel's init. */
  static BinaryChains of(INDArray x0, BinaryEnergy e) {
    return new BinaryChains(e.encoding().requireStates(x0, e.dim(), "x0"));
  }

  /** Number of chains N. */
  public int size() {
    return n;
  }

  /** Number of sites n. */
  public int dim() {
    return d;
  }

  /** Live positions [N, n] (read-only for callers). */
  public INDArray positions() {
    return x;
  }

  /** Live cached energies [N]. */
  public INDArray energies() {
    return u;
  }

  /** Live log-weights A [N]. */
  public INDArray logWeights() {
    return logW;
  }

  /** ESS/N of the weights e^A, in (0, 1]. */
  public double essFraction() {
    return EffectiveSampleSize.fraction(wb, n);
  }

  /** log mean e^{A_i}. */
  public double logMeanWeight() {
    return EffectiveSampleSize.logMeanExp(wb, n);
  }

  /** Writes the self-normalised weights into out [N]; returns log-mean-exp and ESS/N. */
  public WeightSummary normalizedWeights(INDArray out) {
    return EffectiveSampleSize.normalize(wb, n, Batches.buffer(out));
  }

  /** Sets every log-weight to zero. */
  public void resetWeights() {
    for (int i = 0; i < n; i++) {
      wb.put(i, 0.0);
    }
  }

  /** Replaces chain i by chain ancestors[i] (positions and caches), then resets the weights. */
  public void resample(int[] ancestors) {
    if (ancestors == null || ancestors.length != n) {
      throw new IllegalArgumentException("ancestors must have length " + n + ", got "
          + (ancestors == null ? "null" : String.valueOf(ancestors.length)));
    }
    for (int a : ancestors) {
      if (a < 0 || a >= n) {
        throw new IllegalArgumentException("ancestors must lie in [0, " + n + "), got " + a);
      }
    }
    gather(xb, d, ancestors);
    gather(ub, 1, ancestors);
    if (pre != null) {
      gather(Batches.buffer(pre), (int) pre.columns(), ancestors);
    }
    resetWeights();
    resamplings++;
  }

  /** How many times {@link #resample} has been called. */
  public long resamplings() {
    return resamplings;
  }

  private void gather(DoubleBuffer b, int width, int[] idx) {
    double[] src = new double[n * width];
    b.get(0, src);
    for (int i = 0; i < n; i++) {
      b.put(i * width, src, idx[i] * width, width);
    }
  }

  /** Scratch [N] for the energies before a parameter change. */
  DoubleBuffer oldEnergies() {
    if (old == null) {
      old = Batches.zeros(n);
    }
    return Batches.buffer(old);
  }
}
