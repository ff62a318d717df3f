package io.ebm4j.sample;

import io.ebm4j.energy.Energy;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.estimate.EffectiveSampleSize;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.nd.VecMath;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state of a batch of N chains (walkers) in R^d: positions x [N, d], cached energies u [N] and gradients
 * g [N, d] at the current parameters of the energy, and log-weights A [N] for Jarzynski reweighting (all zero for
 * unweighted use). Caching means reweighting, resampling and diagnostics need no extra energy calls. Chains hold
 * state only; a kernel keeps its own proposal scratch.
 *
 * <p>A kernel written outside this package works on the live arrays through their dense buffers
 * ({@link #positionBuffer}, {@link #energyBuffer}, {@link #gradientBuffer}, {@link #logWeightBuffer}; row-major,
 * element (i, j) of an [N, d] array at i * d + j) and moves chain i to a proposal with {@link #accept}.
 *
 * <pre>{@code
 * Kernel kernel = Kernels.mala(0.1);
 * Chains c = kernel.init(energy, x0);
 * for (int t = 0; t < 1000; t++) kernel.step(energy, c, rng);
 * INDArray x = c.positions();
 * }</pre>
 */
public final class Chains {
  final int n;
  final int d;
  final INDArray x;
  final INDArray u;
  final INDArray g;
  final INDArray logW;
  final DoubleBuffer xb;
  final DoubleBuffer ub;
  final DoubleBuffer gb;
  final DoubleBuffer wb;
  private long resamplings;
  private double[] scratch = new double[0]; // weights of normalizedWeights, reused

  private Chains(INDArray x0, boolean gradients) {
    this.n = (int) x0.rows();
    this.d = (int) x0.columns();
    this.x = x0.dup('c');
    this.u = Batches.zeros(n);
    this.g = gradients ? Batches.zeros(n, d) : null;
    this.logW = Batches.zeros(n);
    this.xb = Batches.buffer(x);
    this.ub = Batches.buffer(u);
    this.gb = gradients ? Batches.buffer(g) : null;
    this.wb = Batches.buffer(logW);
  }

  /**
   * Chains at positions x0 [N, d] (copied, validated), with gradients cached when {@code gradients}; call
   * {@link #refresh} before use (kernels' {@code init} does).
   */
  public static Chains of(INDArray x0, int dim, boolean gradients) {
    return new Chains(Batches.requireBatch(x0, dim, "x0"), gradients);
  }

  /** Saves positions, cached energies and gradients, log-weights and the resampling count (for a checkpoint). */
  public void save(io.ebm4j.nd.State s) {
    s.put("positions", Batches.toArray(x)).put("energies", Batches.toArray(u))
        .put("logWeights", Batches.toArray(logW)).putLongs("resamplings", resamplings);
    if (g != null) {
      s.put("gradients", Batches.toArray(g));
    }
  }

  /** Restores what {@link #save} wrote; the chain count, dimension and gradient caching must match. */
  public void restore(io.ebm4j.nd.State s) {
    double[] xs = s.doubles("positions");
    if (xs.length != n * d || s.has("gradients") != (g != null)) {
      throw new IllegalStateException("checkpointed walkers are " + xs.length / Math.max(1, d) + " x " + d
          + (s.has("gradients") ? " with" : " without") + " gradients; these are " + n + " x " + d
          + (g != null ? " with" : " without") + " gradients");
    }
    copy(xs, xb);
    copy(s.doubles("energies"), ub);
    copy(s.doubles("logWeights"), wb);
    if (g != null) {
      copy(s.doubles("gradients"), gb);
    }
    resamplings = s.longs("resamplings")[0];
  }

  private static void copy(double[] v, DoubleBuffer b) {
    for (int i = 0; i < v.length; i++) {
      b.put(i, v[i]);
    }
  }

  /** Recomputes the cached energies (and gradients) at the current positions and parameters. */
  public void refresh(Energy e) {
    e.evaluate(x, u, g);
  }

  /**
   * Moves the caches to e's current parameters and adds the change of energy to the log-weights,
   * A_i += U_old(x_i) - U_new(x_i), where U_old is the cached energy: the importance weight of the unchanged
   * positions from the old density to the new one (Jarzynski's rule for the parameter update alone, before any move).
   */
  public void reweight(Energy e) {
    Par.forRange(n, (ch, from, to) -> {
      for (int i = from; i < to; i++) {
        wb.put(i, wb.get(i) + ub.get(i));
      }
    });
    refresh(e);
    Par.forRange(n, (ch, from, to) -> {
      for (int i = from; i < to; i++) {
        wb.put(i, wb.get(i) - ub.get(i));
      }
    });
  }

  /**
   * Moves chain i to row i of a proposal: positions y [N, d], energies uy [N] and, when this batch caches gradients,
   * gradients gy [N, d] (all dense row-major buffers of the same shapes as this batch's arrays). Safe to call for
   * distinct i from parallel chunks.
   */
  public void accept(int i, DoubleBuffer y, DoubleBuffer uy, DoubleBuffer gy) {
    final int base = i * d;
    if (gb != null) {
      for (int j = 0; j < d; j++) {
        xb.put(base + j, y.get(base + j));
        gb.put(base + j, gy.get(base + j));
      }
    } else {
      for (int j = 0; j < d; j++) {
        xb.put(base + j, y.get(base + j));
      }
    }
    ub.put(i, uy.get(i));
  }

  /** Live positions as a dense row-major buffer of N * d doubles. */
  public DoubleBuffer positionBuffer() {
    return xb;
  }

  /** Live cached energies as a dense buffer of N doubles. */
  public DoubleBuffer energyBuffer() {
    return ub;
  }

  /** Live cached gradients as a dense row-major buffer of N * d doubles, or null when gradients are not cached. */
  public DoubleBuffer gradientBuffer() {
    return gb;
  }

  /** Live log-weights A as a dense buffer of N doubles. */
  public DoubleBuffer logWeightBuffer() {
    return wb;
  }

  /** Number of chains N. */
  public int size() {
    return n;
  }

  /** Dimension d. */
  public int dim() {
    return d;
  }

  /** Whether gradients are cached. */
  public boolean hasGradients() {
    return g != null;
  }

  /** Live positions [N, d] (do not modify while a kernel uses them). */
  public INDArray positions() {
    return x;
  }

  /** Live cached energies [N]. */
  public INDArray energies() {
    return u;
  }

  /** Live cached gradients [N, d], or null. */
  public INDArray gradients() {
    return g;
  }

  /** Live log-weights A [N]. */
  public INDArray logWeights() {
    return logW;
  }

  /** Effective sample size over N of the weights e^A: (sum w)^2 / (N sum w^2), in (0, 1]. */
  public double essFraction() {
    return EffectiveSampleSize.fraction(wb, n);
  }

  /** log of the mean of e^{A_i}, computed stably. */
  public double logMeanWeight() {
    return EffectiveSampleSize.logMeanExp(wb, n);
  }

  /**
   * Writes the self-normalised weights e^{A_i} / sum_j e^{A_j} into out [N] and returns their log-mean-exp and
   * ESS/N. The same arithmetic and summation order as {@link EffectiveSampleSize#normalize}, with the exponentials
   * computed in blocks by {@link VecMath#exp} (within 1 ulp of {@code Math.exp}, the same bits on its scalar and
   * vector loops).
   */
  public io.ebm4j.estimate.WeightSummary normalizedWeights(INDArray out) {
    final DoubleBuffer ob = Batches.buffer(out);
    if (scratch.length < n) {
      scratch = new double[n];
    }
    final double[] a = scratch;
    wb.get(0, a, 0, n);
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, a[i]);
    }
    if (!Double.isFinite(m)) {
      throw new IllegalStateException("log-weights are not finite (max = " + m + ")");
    }
    for (int i = 0; i < n; i++) {
      a[i] -= m;
    }
    VecMath.exp(a, n);
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double w = a[i];
      s1 += w;
      s2 += w * w;
    }
    double inv = 1.0 / s1;
    for (int i = 0; i < n; i++) {
      a[i] *= inv;
    }
    ob.put(0, a, 0, n);
    return new io.ebm4j.estimate.WeightSummary(m + Math.log(s1 / n), s1 * s1 / (n * s2));
  }

  /** Moves every chain to x [N, d] (same shape, copied) and refreshes the caches under e; weights reset. */
  public void restart(Energy e, INDArray x) {
    if (x.rows() != n || x.columns() != d) {
      throw new IllegalArgumentException("x must have shape [" + n + ", " + d + "], got "
          + java.util.Arrays.toString(x.shape()));
    }
    xb.put(0, Batches.buffer(x), 0, n * d);
    resetWeights();
    refresh(e);
  }

  /**
   * As {@link #restart(Energy, INDArray)}, and out += scale * sum_i dU/dtheta(x_i) over the new positions from the same
   * pass ({@link TrainableEnergy#evaluateAndAccumulate}): the positive phase of contrastive divergence, whose chains
   * start at the data.
   */
  public void restart(TrainableEnergy e, INDArray x, double scale, INDArray out) {
    if (x.rows() != n || x.columns() != d) {
      throw new IllegalArgumentException("x must have shape [" + n + ", " + d + "], got "
          + java.util.Arrays.toString(x.shape()));
    }
    xb.put(0, Batches.buffer(x), 0, n * d);
    resetWeights();
    e.evaluateAndAccumulate(this.x, u, g, null, scale, out);
  }

  /** Sets every log-weight to zero. */
  public void resetWeights() {
    for (int i = 0; i < n; i++) {
      wb.put(i, 0.0);
    }
  }

  /** Replaces chain i by chain ancestors[i] (positions and caches), then resets the weights. */
  public void resample(int[] ancestors) {
    if (ancestors.length != n) {
      throw new IllegalArgumentException("ancestors must have length " + n + ", got " + ancestors.length);
    }
    gather(xb, d, ancestors);
    gather(ub, 1, ancestors);
    if (gb != null) {
      gather(gb, d, ancestors);
    }
    resetWeights();
    resamplings++;
  }

  /** How many times {@link #resample} has been called (lets observers tell moves from resampling copies). */
  public long resamplings() {
    return resamplings;
  }

  private void gather(DoubleBuffer b, int width, int[] idx) {
    double[] src = new double[n * width];
    b.get(0, src);
    for (int i = 0; i < n; i++) {
      int s = idx[i] * width;
      for (int j = 0; j < width; j++) {
        b.put(i * width + j, src[s + j]);
      }
    }
  }
}
