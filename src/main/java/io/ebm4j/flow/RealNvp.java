package io.ebm4j.flow;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.DenseNet;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Real NVP normalizing flow: an invertible map x = T(z) of R^d made of K affine coupling blocks, pushing the
 * standard normal base N(0, I) forward to a density q. Block k splits the coordinates by a binary mask m_k (the
 * masks alternate between the even and the odd coordinates) and maps a to
 *
 * <pre>
 *   b = m a + (1 - m) (a exp(s(m a)) + t(m a)),      log|det db/da| = sum_{j: m_j = 0} s_j(m a),
 * </pre>
 *
 * where (s~, t) is a dense network of the masked coordinates and s = S tanh(s~ / S) bounds the log-scales softly by
 * S ({@code logScaleBound}). The output layer of each network starts at zero, so a new flow is the identity map.
 * Then
 *
 * <pre>
 *   log q(x) = log N(T^{-1}(x); 0, I) + log|det dT^{-1}/dx (x)|.
 * </pre>
 *
 * Dinh, Sohl-Dickstein, Bengio, "Density estimation using Real NVP", ICLR 2017, https://arxiv.org/abs/1605.08803.
 *
 * <pre>{@code
 * RealNvp flow = RealNvp.builder(2).blocks(4).hidden(64, 64).seed(1).build();
 * RealNvp.Draws s = flow.sample(1000, new Rng(2));   // x [1000, 2] and log q(x) [1000]
 * INDArray logq = flow.logDensity(s.x());             // the same values as s.logDensity()
 * INDArray score = flow.gradLogDensity(s.x());        // grad_x log q(x), [1000, 2]
 * }</pre>
 *
 * <p>All parameters sit in one flat double vector ({@link #params()}, live), like a
 * {@link io.ebm4j.energy.TrainableEnergy}; {@link #forwardKl} and {@link #reverseKl} return the two training losses
 * and add their exact parameter gradients (hand-derived reverse passes; every product of a batch with a weight
 * matrix is one BLAS gemm, every elementwise step a fused row-parallel loop). Work buffers are kept per batch size,
 * so repeated calls allocate nothing; not safe for concurrent calls (use {@link #copy()} per thread).
 */
public final class RealNvp {
  private static final int CACHED_BATCH_SIZES = 4;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final int d;
  private final int blocks;
  private final int[] hidden;
  private final Activation activation;
  private final double bound;
  private final long seed;
  /** Conditioning (mask 1) and transformed (mask 0) coordinates of each block. */
  private final int[][] cond;
  private final int[][] free;
  private final DenseNet[] nets;
  private final DenseNet.Views[] views;
  private final INDArray params;
  private final DoubleBuffer pb;
  private final Map<Integer, Work> works = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Work> eldest) {
      return size() > CACHED_BATCH_SIZES;
    }
  };
  private INDArray gradTarget;
  private DenseNet.Views[] gradViews;

  private RealNvp(Builder b, double[] initial) {
    this.d = b.d;
    this.blocks = b.blocks;
    this.hidden = b.hidden.clone();
    this.activation = b.activation;
    this.bound = b.bound;
    this.seed = b.seed;
    cond = new int[blocks][];
    free = new int[blocks][];
    nets = new DenseNet[blocks];
    int off = 0;
    for (int k = 0; k < blocks; k++) {
      int nc = 0;
      for (int j = 0; j < d; j++) {
        if ((j + k) % 2 == 0) {
          nc++;
        }
      }
      cond[k] = new int[nc];
      free[k] = new int[d - nc];
      int ic = 0;
      int jf = 0;
      for (int j = 0; j < d; j++) {
        if ((j + k) % 2 == 0) {
          cond[k][ic++] = j;
        } else {
          free[k][jf++] = j;
        }
      }
      nets[k] = new DenseNet(nc, hidden, 2 * (d - nc), activation, off);
      off += nets[k].size;
    }
    double[] p = initial;
    if (p == null) {
      p = new double[off];
      SplitMix r = new SplitMix(seed);
      for (DenseNet net : nets) {
        net.init(p, r);
      }
    }
    this.params = Batches.vector(p);
    this.pb = Batches.buffer(params);
    this.views = new DenseNet.Views[blocks];
    for (int k = 0; k < blocks; k++) {
      views[k] = nets[k].new Views(params);
    }
  }

  /** Starts a builder for a flow on R^d (d >= 2). */
  public static Builder builder(int d) {
    return new Builder(d);
  }

  /** Fluent configuration: number of blocks, hidden widths, activation, log-scale bound, seed. */
  public static final class Builder {
    private final int d;
    private int blocks = 4;
    private int[] hidden = {64, 64};
    private Activation activation = Activation.TANH;
    private double bound = 2.0;
    private long seed = 0;

    private Builder(int d) {
      if (d < 2) {
        throw new IllegalArgumentException("d must be at least 2 (a coupling block needs two parts), got " + d);
      }
      this.d = d;
    }

    /** Number K of coupling blocks (default 4, at least 1). */
    public Builder blocks(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("blocks must be at least 1, got " + k);
      }
      this.blocks = k;
      return this;
    }

    /** Widths of the hidden layers of every coupling network (default 64, 64). */
    public Builder hidden(int... widths) {
      if (widths == null || widths.length == 0) {
        throw new IllegalArgumentException("hidden must name at least one layer width, got none");
      }
      for (int w : widths) {
        if (w < 1) {
          throw new IllegalArgumentException("hidden widths must be at least 1, got " + Arrays.toString(widths));
        }
      }
      this.hidden = widths.clone();
      return this;
    }

    /** Activation of the hidden layers (default tanh). */
    public Builder activation(Activation a) {
      if (a == null) {
        throw new IllegalArgumentException("activation must not be null");
      }
      this.activation = a;
      return this;
    }

    /** Bound S of the log-scales, s = S tanh(s~ / S) (default 2). */
    public Builder logScaleBound(double s) {
      if (!(s > 0) || !Double.isFinite(s)) {
        throw new IllegalArgumentException("logScaleBound must be positive and finite, got " + s);
      }
      this.bound = s;
      return this;
    }

    /** Seed of the initialisation (Glorot uniform hidden weights, zero biases, zero output layers). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public RealNvp build() {
      return new RealNvp(this, null);
    }
  }

  /**
   * Points mapped by the flow with the log-determinant of the map's Jacobian at each.
   *
   * @param points the images [N, d]
   * @param logDet log|det J| of the map applied, [N]
   */
  public record Mapped(INDArray points, INDArray logDet) {}

  /**
   * Draws from the flow.
   *
   * @param x the points [N, d]
   * @param logDensity log q(x_i), [N]
   */
  public record Draws(INDArray x, INDArray logDensity) {}

  /** Dimension d. */
  public int dim() {
    return d;
  }

  /** Number of coupling blocks K. */
  public int blocks() {
    return blocks;
  }

  /** The live, flat parameter vector [P] (double): writing into it changes the flow. */
  public INDArray params() {
    return params;
  }

  /** Number of parameters P. */
  public int numParams() {
    return (int) params.length();
  }

  /** A name for each parameter, such as "block2.W1[0,5]". */
  public String[] paramNames() {
    String[] names = new String[numParams()];
    for (int k = 0; k < blocks; k++) {
      nets[k].names("block" + k + ".", names);
    }
    return names;
  }

  /** Replaces the parameters with values (length P, finite). Returns this. */
  public RealNvp setParams(INDArray values) {
    if (values == null || values.length() != numParams()) {
      throw new IllegalArgumentException("params must have length " + numParams() + ", got "
          + (values == null ? "null" : String.valueOf(values.length())));
    }
    INDArray v = Batches.requireWeights(values.reshape(values.length()), numParams(), "params");
    params.assign(v);
    return this;
  }

  /** An independent copy with the same configuration and parameters. */
  public RealNvp copy() {
    Builder b = builder(d).blocks(blocks).hidden(hidden).activation(activation).logScaleBound(bound).seed(seed);
    return new RealNvp(b, Batches.toArray(params));
  }

  @Override
  public String toString() {
    return "realNvp(d=" + d + ", blocks=" + blocks + ", hidden=" + Arrays.toString(hidden) + ", "
        + activation.name().toLowerCase() + ", S=" + bound + ")";
  }

  // ---------------------------------------------------------------- public batch calls (validated, allocating)

  /** x = T(z) and log|det dT/dz| for a batch z [N, d]. */
  public Mapped forward(INDArray z) {
    INDArray zs = Batches.requireBatch(z, d, "z");
    Work w = work((int) zs.rows());
    w.in[0].assign(zs);
    pushForward(w);
    return new Mapped(w.in[blocks].dup(), w.logDet.dup());
  }

  /** z = T^{-1}(x) and log|det dT^{-1}/dx| for a batch x [N, d]. */
  public Mapped inverse(INDArray x) {
    INDArray xs = Batches.requireBatch(x, d, "x");
    Work w = work((int) xs.rows());
    w.in[blocks].assign(xs);
    pullBack(w);
    return new Mapped(w.in[0].dup(), w.logDet.dup());
  }

  /** log q(x_i) for a batch x [N, d]; returns [N]. */
  public INDArray logDensity(INDArray x) {
    INDArray xs = Batches.requireBatch(x, d, "x");
    int n = (int) xs.rows();
    Work w = work(n);
    w.in[blocks].assign(xs);
    pullBack(w);
    INDArray out = Batches.zeros(n);
    DoubleBuffer ob = Batches.buffer(out);
    for (int i = 0; i < n; i++) {
      ob.put(i, w.logBase(i) + w.ldb.get(i));
    }
    return out;
  }

  /** grad_x log q(x_i) for a batch x [N, d]; returns [N, d]. */
  public INDArray gradLogDensity(INDArray x) {
    INDArray xs = Batches.requireBatch(x, d, "x");
    int n = (int) xs.rows();
    Work w = work(n);
    w.in[blocks].assign(xs);
    pullBack(w);
    for (int q = 0; q < n * d; q++) {
      w.barb.put(q, -w.inb[0].get(q));
    }
    Arrays.fill(w.ldBar, 0, n, 1.0);
    backwardOfInverse(w, null);
    return w.bar.dup();
  }

  /** n independent draws x = T(z), z ~ N(0, I), with their log-densities. */
  public Draws sample(int n, Rng rng) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    if (rng == null) {
      throw new IllegalArgumentException("rng must not be null");
    }
    Work w = work(n);
    draw(w, rng);
    INDArray logq = Batches.zeros(n);
    DoubleBuffer lb = Batches.buffer(logq);
    for (int i = 0; i < n; i++) {
      lb.put(i, w.logq[i]);
    }
    return new Draws(w.in[blocks].dup(), logq);
  }

  /**
   * The forward KL loss (maximum likelihood): L = -sum_i w_i log q(x_i) / sum_i w_i over a batch x [N, d] with
   * non-negative weights w [N] (null meaning equal). Adds dL/dtheta into grad [P] when grad is not null.
   */
  public double forwardKl(INDArray x, INDArray w, INDArray grad) {
    INDArray xs = Batches.requireBatch(x, d, "x");
    int n = (int) xs.rows();
    double[] c = normalizedWeights(w, n);
    checkGrad(grad);
    Work wk = work(n);
    wk.in[blocks].assign(xs);
    pullBack(wk);
    return forwardKlOnPulledBack(wk, c, grad);
  }

  /**
   * The reverse KL loss against the target exp(-U)/Z, up to log Z: L = mean_i [log q(T(z_i)) + U(T(z_i))] for base
   * draws z [N, d] (the reparameterisation trick: the noise is fixed, the parameters move the points). Adds
   * dL/dtheta = mean_i [grad_x U(x_i) dT(z_i)/dtheta - d log|det dT/dz|(z_i)/dtheta] into grad when not null.
   */
  public double reverseKl(Energy u, INDArray z, INDArray grad) {
    if (u == null || u.dim() != d) {
      throw new IllegalArgumentException("energy must have dimension " + d + ", got "
          + (u == null ? "null" : String.valueOf(u.dim())));
    }
    INDArray zs = Batches.requireBatch(z, d, "z");
    checkGrad(grad);
    int n = (int) zs.rows();
    Work w = work(n);
    w.in[0].assign(zs);
    return reverseKlOnBase(w, u, grad);
  }

  // ---------------------------------------------------------------- working calls (package-private, no checks)

  /** The work buffers for batches of n rows (cached for the last few sizes). */
  Work work(int n) {
    Work w = works.get(n);
    if (w == null) {
      w = new Work(n);
      works.put(n, w);
    }
    return w;
  }

  /** Fills w.in[0] with base draws and pushes them forward; log q of the draws lands in w.logq. */
  void draw(Work w, Rng rng) {
    rng.fillNormal(w.inb[0], w.rows * d);
    pushForward(w);
    for (int i = 0; i < w.rows; i++) {
      w.logq[i] = w.logBase(i) - w.ldb.get(i);
    }
  }

  /** Loss and gradient of the forward KL on the pull-back held in w, with normalised weights c. */
  double forwardKlOnPulledBack(Work w, double[] c, INDArray grad) {
    int n = w.rows;
    double loss = 0;
    for (int i = 0; i < n; i++) {
      loss -= c[i] * (w.logBase(i) + w.ldb.get(i));
    }
    if (grad != null) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          w.barb.put(i * d + j, c[i] * w.inb[0].get(i * d + j));
        }
        w.ldBar[i] = -c[i];
      }
      backwardOfInverse(w, grad);
    }
    return loss;
  }

  /** Loss and gradient of the reverse KL for the base draws in w.in[0]. */
  double reverseKlOnBase(Work w, Energy u, INDArray grad) {
    int n = w.rows;
    pushForward(w);
    u.evaluate(w.in[blocks], w.u, grad == null ? null : w.bar);
    DoubleBuffer ub = Batches.buffer(w.u);
    double loss = 0;
    for (int i = 0; i < n; i++) {
      loss += w.logBase(i) - w.ldb.get(i) + ub.get(i);
    }
    if (grad != null) {
      for (int q = 0; q < n * d; q++) {
        w.barb.put(q, w.barb.get(q) / n);
      }
      Arrays.fill(w.ldBar, 0, n, -1.0 / n);
      backwardOfForward(w, grad);
    }
    return loss / n;
  }

  /** Normalised weights w_i / sum w (equal when w is null), validated. */
  static double[] normalizedWeights(INDArray w, int n) {
    double[] c = new double[n];
    if (w == null) {
      Arrays.fill(c, 1.0 / n);
      return c;
    }
    INDArray ws = Batches.requireWeights(w.reshape(w.length()), n, "w");
    double[] v = Batches.toArray(ws);
    double s = 0;
    for (int i = 0; i < n; i++) {
      if (v[i] < 0) {
        throw new IllegalArgumentException("w must be non-negative, got " + v[i] + " at " + i);
      }
      s += v[i];
    }
    if (!(s > 0)) {
      throw new IllegalArgumentException("w must have a positive sum, got " + s);
    }
    for (int i = 0; i < n; i++) {
      c[i] = v[i] / s;
    }
    return c;
  }

  private void checkGrad(INDArray grad) {
    if (grad != null && (grad.length() != numParams() || !Batches.isDense(grad))) {
      throw new IllegalArgumentException("grad must be a dense double vector of length " + numParams() + ", got "
          + grad.dataType() + " of length " + grad.length());
    }
  }

  /** T: from w.in[0] (z) to w.in[K] (x), with log|det dT/dz| in w.logDet and every block's caches kept. */
  void pushForward(Work w) {
    final int n = w.rows;
    Arrays.fill(w.ldArr, 0, n, 0.0);
    for (int k = 0; k < blocks; k++) {
      final DoubleBuffer a = w.inb[k];
      final DoubleBuffer b = w.inb[k + 1];
      conditioner(w, k, a);
      final int[] fr = free[k];
      final int[] cd = cond[k];
      final int nf = fr.length;
      final DoubleBuffer o = w.net[k].outb;
      final double[] s = w.s[k];
      final double[] sd = w.sd[k];
      final double[] ld = w.ldArr;
      Par.forRange(n, (ch, from, to) -> {
        for (int i = from; i < to; i++) {
          int row = i * d;
          for (int j : cd) {
            b.put(row + j, a.get(row + j));
          }
          double sum = 0;
          for (int q = 0; q < nf; q++) {
            int f = row + fr[q];
            double th = DenseNet.tanh(o.get(i * 2 * nf + q) / bound);
            double sv = bound * th;
            s[i * nf + q] = sv;
            sd[i * nf + q] = 1 - th * th;
            b.put(f, a.get(f) * Math.exp(sv) + o.get(i * 2 * nf + nf + q));
            sum += sv;
          }
          ld[i] += sum;
        }
      });
    }
    copyLogDet(w);
  }

  /** T^{-1}: from w.in[K] (x) to w.in[0] (z), with log|det dT^{-1}/dx| in w.logDet and the caches kept. */
  void pullBack(Work w) {
    final int n = w.rows;
    Arrays.fill(w.ldArr, 0, n, 0.0);
    for (int k = blocks - 1; k >= 0; k--) {
      final DoubleBuffer a = w.inb[k];
      final DoubleBuffer b = w.inb[k + 1];
      conditioner(w, k, b);
      final int[] fr = free[k];
      final int[] cd = cond[k];
      final int nf = fr.length;
      final DoubleBuffer o = w.net[k].outb;
      final double[] s = w.s[k];
      final double[] sd = w.sd[k];
      final double[] ld = w.ldArr;
      Par.forRange(n, (ch, from, to) -> {
        for (int i = from; i < to; i++) {
          int row = i * d;
          for (int j : cd) {
            a.put(row + j, b.get(row + j));
          }
          double sum = 0;
          for (int q = 0; q < nf; q++) {
            int f = row + fr[q];
            double th = DenseNet.tanh(o.get(i * 2 * nf + q) / bound);
            double sv = bound * th;
            s[i * nf + q] = sv;
            sd[i * nf + q] = 1 - th * th;
            a.put(f, (b.get(f) - o.get(i * 2 * nf + nf + q)) * Math.exp(-sv));
            sum += sv;
          }
          ld[i] -= sum;
        }
      });
    }
    copyLogDet(w);
  }

  private void copyLogDet(Work w) {
    for (int i = 0; i < w.rows; i++) {
      w.ldb.put(i, w.ldArr[i]);
    }
  }

  /** Gathers the conditioning coordinates of block k from src into w.cond[k] and runs its network. */
  private void conditioner(Work w, int k, DoubleBuffer src) {
    final int[] cd = cond[k];
    final int nc = cd.length;
    final DoubleBuffer cb = w.condb[k];
    Par.forRange(w.rows, (ch, from, to) -> {
      for (int i = from; i < to; i++) {
        for (int q = 0; q < nc; q++) {
          cb.put(i * nc + q, src.get(i * d + cd[q]));
        }
      }
    });
    nets[k].forward(views[k], pb, w.condIn[k], w.net[k]);
  }

  /**
   * Reverse pass of the last {@link #pushForward}: on entry w.bar holds the cotangent of x and w.ldBar that of
   * log|det dT/dz| (per row); on exit w.bar holds the cotangent of z. Adds the parameter gradient into grad when not
   * null.
   */
  void backwardOfForward(Work w, INDArray grad) {
    final int n = w.rows;
    final DoubleBuffer bar = w.barb;
    final double[] ldBar = w.ldBar;
    DenseNet.Views[] gv = grad == null ? null : gradViews(grad);
    for (int k = blocks - 1; k >= 0; k--) {
      final DoubleBuffer a = w.inb[k];
      final int[] fr = free[k];
      final int nf = fr.length;
      final double[] s = w.s[k];
      final double[] sd = w.sd[k];
      final DoubleBuffer ob = w.obarb[k];
      Par.forRange(n, (ch, from, to) -> {
        for (int i = from; i < to; i++) {
          for (int q = 0; q < nf; q++) {
            int f = i * d + fr[q];
            double e = Math.exp(s[i * nf + q]);
            double bb = bar.get(f);
            double sbar = bb * a.get(f) * e + ldBar[i];
            ob.put(i * 2 * nf + q, sbar * sd[i * nf + q]);
            ob.put(i * 2 * nf + nf + q, bb);
            bar.put(f, bb * e);
          }
        }
      });
      finishBlock(w, k, gv);
    }
  }

  /**
   * Reverse pass of the last {@link #pullBack}: on entry w.bar holds the cotangent of z and w.ldBar that of
   * log|det dT^{-1}/dx|; on exit w.bar holds the cotangent of x. Adds the parameter gradient into grad when not null.
   */
  void backwardOfInverse(Work w, INDArray grad) {
    final int n = w.rows;
    final DoubleBuffer bar = w.barb;
    final double[] ldBar = w.ldBar;
    DenseNet.Views[] gv = grad == null ? null : gradViews(grad);
    for (int k = 0; k < blocks; k++) {
      final DoubleBuffer a = w.inb[k];
      final int[] fr = free[k];
      final int nf = fr.length;
      final double[] s = w.s[k];
      final double[] sd = w.sd[k];
      final DoubleBuffer ob = w.obarb[k];
      Par.forRange(n, (ch, from, to) -> {
        for (int i = from; i < to; i++) {
          for (int q = 0; q < nf; q++) {
            int f = i * d + fr[q];
            double e = Math.exp(-s[i * nf + q]);
            double abar = bar.get(f);
            double sbar = -abar * a.get(f) - ldBar[i];
            ob.put(i * 2 * nf + q, sbar * sd[i * nf + q]);
            ob.put(i * 2 * nf + nf + q, -abar * e);
            bar.put(f, abar * e);
          }
        }
      });
      finishBlock(w, k, gv);
    }
  }

  /** Back through block k's network: parameter gradient, and the conditioning cotangent added into w.bar. */
  private void finishBlock(Work w, int k, DenseNet.Views[] gv) {
    nets[k].backward(views[k], w.net[k], w.obar[k], w.condBar[k], gv == null ? null : gv[k]);
    final int[] cd = cond[k];
    final int nc = cd.length;
    final DoubleBuffer cb = w.condBarb[k];
    final DoubleBuffer bar = w.barb;
    Par.forRange(w.rows, (ch, from, to) -> {
      for (int i = from; i < to; i++) {
        for (int q = 0; q < nc; q++) {
          int f = i * d + cd[q];
          bar.put(f, bar.get(f) + cb.get(i * nc + q));
        }
      }
    });
  }

  private DenseNet.Views[] gradViews(INDArray grad) {
    if (grad != gradTarget) {
      gradViews = new DenseNet.Views[blocks];
      for (int k = 0; k < blocks; k++) {
        gradViews[k] = nets[k].new Views(grad);
      }
      gradTarget = grad;
    }
    return gradViews;
  }

  /** The buffers of one batch size: every block's input, conditioner caches, cotangents. */
  final class Work {
    final int rows;
    /** in[k] is the input of block k in the z -> x direction; in[0] = z, in[K] = x. */
    final INDArray[] in = new INDArray[blocks + 1];
    final DoubleBuffer[] inb = new DoubleBuffer[blocks + 1];
    final INDArray[] condIn = new INDArray[blocks];
    final DoubleBuffer[] condb = new DoubleBuffer[blocks];
    final DenseNet.Work[] net = new DenseNet.Work[blocks];
    final double[][] s = new double[blocks][];
    final double[][] sd = new double[blocks][];
    final INDArray[] obar = new INDArray[blocks];
    final DoubleBuffer[] obarb = new DoubleBuffer[blocks];
    final INDArray[] condBar = new INDArray[blocks];
    final DoubleBuffer[] condBarb = new DoubleBuffer[blocks];
    /** log|det| of the last pass, [N]. */
    final INDArray logDet;
    final DoubleBuffer ldb;
    final double[] ldArr;
    /** Cotangent of the points, [N, d]. */
    final INDArray bar;
    final DoubleBuffer barb;
    final double[] ldBar;
    /** Energies for the reverse KL and the kernels, [N]. */
    final INDArray u;
    /** log q of the last draws. */
    final double[] logq;

    Work(int rows) {
      this.rows = rows;
      for (int k = 0; k <= blocks; k++) {
        in[k] = Batches.zeros(rows, d);
        inb[k] = Batches.buffer(in[k]);
      }
      for (int k = 0; k < blocks; k++) {
        int nc = cond[k].length;
        int nf = free[k].length;
        condIn[k] = Batches.zeros(rows, nc);
        condb[k] = Batches.buffer(condIn[k]);
        net[k] = nets[k].new Work(rows);
        s[k] = new double[rows * nf];
        sd[k] = new double[rows * nf];
        obar[k] = Batches.zeros(rows, 2 * nf);
        obarb[k] = Batches.buffer(obar[k]);
        condBar[k] = Batches.zeros(rows, nc);
        condBarb[k] = Batches.buffer(condBar[k]);
      }
      logDet = Batches.zeros(rows);
      ldb = Batches.buffer(logDet);
      ldArr = new double[rows];
      bar = Batches.zeros(rows, d);
      barb = Batches.buffer(bar);
      ldBar = new double[rows];
      u = Batches.zeros(rows);
      logq = new double[rows];
    }

    /** The points x = in[K]. */
    INDArray x() {
      return in[blocks];
    }

    /** Buffer over {@link #x()}. */
    DoubleBuffer xb() {
      return inb[blocks];
    }

    /** log N(z_i; 0, I) for the z in in[0]. */
    double logBase(int i) {
      double s2 = 0;
      for (int j = 0; j < d; j++) {
        double z = inb[0].get(i * d + j);
        s2 += z * z;
      }
      return -0.5 * (s2 + d * LOG_2PI);
    }
  }
}
