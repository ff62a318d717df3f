package io.ebm4j.nn;

import io.ebm4j.energy.ScoreMatchable;
import io.ebm4j.energy.SlicedScoreMatchable;
import io.ebm4j.energy.DenoisingScoreMatchable;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A neural energy: a multilayer perceptron with a scalar output,
 *
 * <pre>
 *   h_0 = x,   h_l = sigma(h_{l-1} W_l + b_l)  (l = 1..L),   U(x) = w_out . h_L + b_out,
 * </pre>
 *
 * with exact first- and second-order derivatives: energies and grad_x, parameter gradients, and the parameter
 * gradients of exact (Hyvarinen), sliced and denoising score matching. All derivatives are analytic (hand-derived
 * reverse passes over a Taylor-mode forward pass, see {@link MlpPasses}); matrix products are BLAS gemms through
 * ND4J, every elementwise step a fused Java loop, and all work buffers are kept from call to call, so repeated calls
 * with the same batch size allocate nothing.
 *
 * <pre>{@code
 * Mlp u = Mlp.builder(2).hidden(128, 128).activation(Activation.SILU).seed(42).build();   // float32
 * INDArray e = u.energy(x);                             // [N]
 * INDArray g = u.gradX(x);                              // [N, 2]
 * INDArray grad = Nd4j.zeros(DataType.DOUBLE, u.numParams());
 * u.accumulateScoreMatchingGradient(x, 1.0 / x.rows(), grad);   // exact score matching
 * }</pre>
 *
 * <p>Parameters live in ONE contiguous vector of the model's precision (FLOAT by default, or DOUBLE), which
 * {@link #params()} returns itself, so an ND4J updater can act on it in place; the layout is that of
 * {@link MlpLayout}: W_1 (row-major [d, n_1]), b_1, ..., W_L, b_L, w_out, b_out. Gradient targets may be FLOAT or
 * DOUBLE; one of the model's own precision receives the gemms directly. Inputs and outputs of the {@code Energy}
 * contract are DOUBLE; in float32 mode they are cast into float work buffers.
 *
 * <p>Not safe for concurrent calls from several threads (the work buffers are shared); use {@link #copy()} per
 * thread. Large batches (N >= {@link Par#MIN_PARALLEL}) run the fused loops on the common fork-join pool.
 */
public final class Mlp implements TrainableEnergy, ScoreMatchable, SlicedScoreMatchable, DenoisingScoreMatchable {
  private static final int CACHED_BATCH_SIZES = 4;

  private final MlpLayout layout;
  private final Activation activation;
  private final DataType dtype;
  private final long seed;
  private final INDArray params;
  private final ParamViews views;
  private final MlpPasses passes;
  private final Map<Integer, MlpWorkspace> workspaces = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, MlpWorkspace> eldest) {
      return size() > CACHED_BATCH_SIZES;
    }
  };
  private INDArray gradBuffer;
  private ParamViews gradViews;
  private INDArray lastOut;
  private ParamViews lastOutViews;

  private Mlp(MlpLayout layout, Activation activation, DataType dtype, long seed, double[] initial) {
    this.layout = layout;
    this.activation = activation;
    this.dtype = dtype;
    this.seed = seed;
    this.params = Nd4j.create(dtype, layout.size);
    this.views = new ParamViews(layout, params);
    for (int q = 0; q < layout.size; q++) {
      views.v.put(q, initial[q]);
    }
    this.passes = new MlpPasses(layout, activation, views);
  }

  /** Starts a builder for an MLP on d-dimensional inputs. */
  public static Builder builder(int d) {
    return new Builder(d);
  }

  /** Fluent configuration: hidden widths (required), activation, precision, seed of the initialisation. */
  public static final class Builder {
    private final int d;
    private int[] hidden;
    private Activation activation = Activation.SILU;
    private DataType dtype = DataType.FLOAT;
    private long seed = 0;

    private Builder(int d) {
      if (d < 1) {
        throw new IllegalArgumentException("d must be at least 1, got " + d);
      }
      this.d = d;
    }

    /** Widths of the hidden layers, first to last (at least one layer, each at least 1). */
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

    /** Activation of every hidden layer (default SiLU). */
    public Builder activation(Activation a) {
      if (a == null) {
        throw new IllegalArgumentException("activation must not be null");
      }
      this.activation = a;
      return this;
    }

    /** FLOAT (default) or DOUBLE: the precision of parameters and work buffers. */
    public Builder dtype(DataType t) {
      if (t != DataType.FLOAT && t != DataType.DOUBLE) {
        throw new IllegalArgumentException("dtype must be FLOAT or DOUBLE, got " + t);
      }
      this.dtype = t;
      return this;
    }

    /** Seed of the initialisation (He or Glorot uniform weights, zero biases; see {@link MlpLayout#init}). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public Mlp build() {
      if (hidden == null) {
        throw new IllegalArgumentException("hidden must name at least one layer width, got none");
      }
      MlpLayout layout = new MlpLayout(d, hidden);
      return new Mlp(layout, activation, dtype, seed, layout.init(seed, activation.prefersHeInit()));
    }
  }

  @Override
  public int dim() {
    return layout.n[0];
  }

  /** Hidden widths n_1..n_L. */
  public int[] hidden() {
    return Arrays.copyOfRange(layout.n, 1, layout.n.length);
  }

  public Activation activation() {
    return activation;
  }

  public DataType dtype() {
    return dtype;
  }

  /** The seed the initial parameters were drawn from. */
  public long seed() {
    return seed;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public int numParams() {
    return layout.size;
  }

  @Override
  public String[] paramNames() {
    return layout.names();
  }

  /** Replaces the parameters (length P, all finite; any precision). Returns this. */
  @Override
  public Mlp setParams(INDArray values) {
    if (values == null || values.length() != layout.size) {
      throw new IllegalArgumentException("params must have length " + layout.size + ", got "
          + (values == null ? "null" : String.valueOf(values.length())));
    }
    INDArray flat = values.reshape(values.length());
    double[] v = flat.castTo(DataType.DOUBLE).dup().toDoubleVector();
    for (int q = 0; q < v.length; q++) {
      if (!Double.isFinite(v[q])) {
        throw new IllegalArgumentException("params must be finite, got " + v[q] + " at [" + q + "] ("
            + layout.name(q) + ")");
      }
    }
    for (int q = 0; q < v.length; q++) {
      views.v.put(q, v[q]);
    }
    return this;
  }

  @Override
  public Mlp copy() {
    double[] p = new double[layout.size];
    for (int q = 0; q < p.length; q++) {
      p[q] = views.v.get(q);
    }
    return new Mlp(layout, activation, dtype, seed, p);
  }

  // ---------------------------------------------------------------- first order

  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    MlpWorkspace ws = workspace((int) x.rows(), 1);
    load(ws, x, 0);
    passes.forward(ws, 0, 1, 1);
    store(ws.energy, u);
    if (g != null) {
      passes.backwardPlain(ws, null, null, 0, true, null);
      storeGrad(ws, g);
    }
  }

  @Override
  public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    MlpWorkspace ws = prepare(x, w, out, 1);
    passes.forward(ws, 0, 1, 1);
    double[] seeds = w == null ? null : copyWeights(ws, w);
    ParamViews t = target(out);
    passes.backwardPlain(ws, seeds, null, scale, false, t);
    finish(t, out);
  }

  /**
   * One pass for a training step: energies into u [N], grad_x into g [N, d] (g may be null), and
   * out += scale * sum_i w_i dU/dtheta(x_i) (w null: all ones). Cheaper than {@link #evaluate} followed by
   * {@link #accumulateParamGradient}, as the forward pass and the back-propagation are shared.
   */
  @Override
  public void evaluateAndAccumulate(INDArray x, INDArray u, INDArray g, INDArray w, double scale, INDArray out) {
    MlpWorkspace ws = prepare(x, w, out, 1);
    passes.forward(ws, 0, 1, 1);
    store(ws.energy, u);
    double[] extra = w == null ? null : copyWeights(ws, w);
    ParamViews t = target(out);
    passes.backwardPlain(ws, null, extra, scale, g != null, t);
    if (g != null) {
      storeGrad(ws, g);
    }
    finish(t, out);
  }

  // ---------------------------------------------------------------- second order

  /** Laplacian of U at each row of x, [N] (d forward passes along the coordinate axes). */
  public INDArray laplacian(INDArray x) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    MlpWorkspace ws = workspace((int) xs.rows(), 3);
    load(ws, xs, 0);
    passes.forward(ws, 0, 1, 2);
    double[] lap = new double[ws.n];
    zeroChannel(ws, 2);
    for (int j = 0; j < dim(); j++) {
      axis(ws, j);
      passes.forward(ws, 1, 3, 2);
      for (int i = 0; i < ws.n; i++) {
        lap[i] += ws.uddot[i];
      }
    }
    return Nd4j.createFromArray(lap);
  }

  /** Mean over the rows of x of |grad U|^2/2 - Laplacian U (Hyvarinen's objective, up to a constant). */
  @Override
  public double scoreMatchingLoss(INDArray x) {
    return exactScoreMatching(x, 0, null) / x.rows();
  }

  /** out += scale * sum_i d/dtheta (|grad U(x_i)|^2/2 - Laplacian U(x_i)); costs d second-order passes. */
  @Override
  public void accumulateScoreMatchingGradient(INDArray x, double scale, INDArray out) {
    requireOut(out);
    exactScoreMatching(x, scale, out);
  }

  private double exactScoreMatching(INDArray x, double scale, INDArray out) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    MlpWorkspace ws = workspace((int) xs.rows(), 3);
    load(ws, xs, 0);
    passes.forward(ws, 0, 1, out == null ? 2 : 3);
    zeroChannel(ws, 2);
    ParamViews t = out == null ? null : target(out);
    double loss = 0;
    for (int j = 0; j < dim(); j++) {
      axis(ws, j);
      passes.forward(ws, 1, 3, 2);
      for (int i = 0; i < ws.n; i++) {
        loss += 0.5 * ws.udot[i] * ws.udot[i] - ws.uddot[i];
      }
      if (t != null) {
        passes.backwardTaylor(ws, 3, -1, 1, 0, scale, t);
      }
    }
    if (t != null) {
      finish(t, out);
    }
    return loss;
  }

  /**
   * Sliced score matching with projections v [N, d]: the mean over rows of -v^T Hess U v + (v . grad U)^2 / 2,
   * which is v^T (grad_x s) v + (v . s)^2 / 2 for the model score s = -grad U. Its expectation over v with
   * E[v v^T] = I is {@link #scoreMatchingLoss}.
   */
  public double slicedScoreMatchingLoss(INDArray x, INDArray v) {
    return sliced(x, v, 0, null) / x.rows();
  }

  /** out += scale * sum_i d/dtheta (-v_i^T Hess U(x_i) v_i + (v_i . grad U(x_i))^2 / 2); one second-order pass. */
  public void accumulateSlicedScoreMatchingGradient(INDArray x, INDArray v, double scale, INDArray out) {
    requireOut(out);
    sliced(x, v, scale, out);
  }

  private double sliced(INDArray x, INDArray v, double scale, INDArray out) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    INDArray vs = Batches.requireBatch(v, dim(), "v");
    if (vs.rows() != xs.rows()) {
      throw new IllegalArgumentException("v must have as many rows as x (" + xs.rows() + "), got " + vs.rows());
    }
    MlpWorkspace ws = workspace((int) xs.rows(), 3);
    load(ws, xs, 0);
    load(ws, vs, 1);
    zeroChannel(ws, 2);
    passes.forward(ws, 0, 3, out == null ? 2 : 3);
    double loss = 0;
    for (int i = 0; i < ws.n; i++) {
      loss += 0.5 * ws.udot[i] * ws.udot[i] - ws.uddot[i];
    }
    if (out != null) {
      ParamViews t = target(out);
      passes.backwardTaylor(ws, 3, -1, 1, 0, scale, t);
      finish(t, out);
    }
    return loss;
  }

  /**
   * Denoising score matching at noise level sigma with given standard normal noise eps [N, d]: with
   * x~ = x + sigma eps, the mean over rows of |grad U(x~) - (x~ - x) / sigma^2|^2 / 2.
   */
  public double denoisingScoreMatchingLoss(INDArray x, INDArray eps, double sigma) {
    return denoising(x, eps, sigma, 0, null) / x.rows();
  }

  /** out += scale * sum_i d/dtheta |grad U(x~_i) - (x~_i - x_i) / sigma^2|^2 / 2 with x~ = x + sigma eps. */
  public void accumulateDenoisingScoreMatchingGradient(INDArray x, INDArray eps, double sigma, double scale,
      INDArray out) {
    requireOut(out);
    denoising(x, eps, sigma, scale, out);
  }

  /**
   * Denoising score-matching gradient with fresh noise: draws eps [N, d] standard normal from rng (chunk streams,
   * so the same seed gives the same noise on any number of threads), adds the gradient as
   * {@link #accumulateDenoisingScoreMatchingGradient(INDArray, INDArray, double, double, INDArray)} does, and returns
   * the noise drawn.
   */
  public INDArray accumulateDenoisingScoreMatchingGradient(INDArray x, double sigma, Rng rng, double scale,
      INDArray out) {
    if (rng == null) {
      throw new IllegalArgumentException("rng must not be null");
    }
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    INDArray eps = Batches.zeros(xs.rows(), dim());
    rng.fillNormal(Batches.buffer(eps), (int) eps.length());
    accumulateDenoisingScoreMatchingGradient(xs, eps, sigma, scale, out);
    return eps;
  }

  private double denoising(INDArray x, INDArray eps, double sigma, double scale, INDArray out) {
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
    }
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    INDArray es = Batches.requireBatch(eps, dim(), "eps");
    if (es.rows() != xs.rows()) {
      throw new IllegalArgumentException("eps must have as many rows as x (" + xs.rows() + "), got " + es.rows());
    }
    MlpWorkspace ws = workspace((int) xs.rows(), 2);
    int d = dim();
    java.nio.DoubleBuffer xb = Batches.buffer(xs);
    java.nio.DoubleBuffer eb = Batches.buffer(es);
    Vec in = ws.xs.v;
    for (int q = 0; q < ws.n * d; q++) {
      in.put(q, xb.get(q) + sigma * eb.get(q));
    }
    return firstOrderScore(ws, eb, 1.0 / sigma, scale, out);
  }

  /**
   * d/dtheta of sum_i |grad U(x_i)|^2 / 2, the squared score norms alone (no Laplacian): out += scale * that.
   * Returns the sum. The benchmark's "SM" column and the core of denoising score matching.
   */
  public double accumulateSquaredScoreGradient(INDArray x, double scale, INDArray out) {
    requireOut(out);
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    MlpWorkspace ws = workspace((int) xs.rows(), 2);
    load(ws, xs, 0);
    return firstOrderScore(ws, null, 0, scale, out);
  }

  /**
   * With inputs in channel 0: g = grad U, r = g - targetScale * target (target null: 0); puts r as the tangent and
   * back-propagates d/dtheta sum_i r_i . g_i (r held fixed), which is d/dtheta sum_i |g_i - t_i|^2 / 2.
   */
  private double firstOrderScore(MlpWorkspace ws, java.nio.DoubleBuffer target, double targetScale, double scale,
      INDArray out) {
    passes.forward(ws, 0, 1, 2);
    passes.backwardPlain(ws, null, null, 0, true, null);
    int nd = ws.n * dim();
    Vec gx = ws.gxv;
    Vec tan = ws.xs.v;
    double loss = 0;
    for (int q = 0; q < nd; q++) {
      double r = gx.get(q) - (target == null ? 0 : targetScale * target.get(q));
      tan.put(nd + q, r);
      loss += 0.5 * r * r;
    }
    if (out != null) {
      ParamViews t = target(out);
      passes.forward(ws, 1, 2, 2);
      passes.backwardTaylor(ws, 2, 0, 0, 1, scale, t);
      finish(t, out);
    }
    return loss;
  }

  // ---------------------------------------------------------------- plumbing

  private MlpWorkspace workspace(int n, int channels) {
    MlpWorkspace ws = workspaces.get(n);
    if (ws == null || ws.channels < channels) {
      ws = new MlpWorkspace(layout, dtype, n, Math.max(channels, ws == null ? 1 : ws.channels));
      workspaces.put(n, ws);
    }
    return ws;
  }

  /** Validates the inputs of a parameter-gradient call and loads x into channel 0. */
  private MlpWorkspace prepare(INDArray x, INDArray w, INDArray out, int channels) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    if (w != null) {
      Batches.requireWeights(w, xs.rows(), "w");
    }
    requireOut(out);
    MlpWorkspace ws = workspace((int) xs.rows(), channels);
    load(ws, xs, 0);
    return ws;
  }

  private void requireOut(INDArray out) {
    if (out == null || out.length() != layout.size) {
      throw new IllegalArgumentException("out must have length " + layout.size + ", got "
          + (out == null ? "null" : String.valueOf(out.length())));
    }
  }

  private static double[] copyWeights(MlpWorkspace ws, INDArray w) {
    INDArray wd = Batches.isDense(w) ? w : w.castTo(DataType.DOUBLE).dup();
    Batches.buffer(wd).get(0, ws.rowB, 0, ws.n);
    return ws.rowB;
  }

  /** Copies a dense double batch [N, d] into channel c of the input stack. */
  private void load(MlpWorkspace ws, INDArray x, int c) {
    java.nio.DoubleBuffer xb = Batches.buffer(x);
    Vec in = ws.xs.v;
    int nd = ws.n * dim();
    int base = c * nd;
    Par.forRange(ws.n, (chunk, from, to) -> {
      for (int q = from * dim(); q < to * dim(); q++) {
        in.put(base + q, xb.get(q));
      }
    });
  }

  private void zeroChannel(MlpWorkspace ws, int c) {
    int nd = ws.n * dim();
    for (int q = c * nd; q < (c + 1) * nd; q++) {
      ws.xs.v.put(q, 0.0);
    }
  }

  /** Sets channel 1 of the inputs to the coordinate axis e_j in every row. */
  private void axis(MlpWorkspace ws, int j) {
    int d = dim();
    int nd = ws.n * d;
    Vec in = ws.xs.v;
    for (int i = 0; i < ws.n; i++) {
      if (j > 0) {
        in.put(nd + i * d + j - 1, 0.0);
      } else {
        for (int q = 0; q < d; q++) {
          in.put(nd + i * d + q, 0.0);
        }
      }
      in.put(nd + i * d + j, 1.0);
    }
  }

  private static void store(double[] values, INDArray u) {
    Batches.buffer(u).put(0, values, 0, (int) u.length());
  }

  private void storeGrad(MlpWorkspace ws, INDArray g) {
    java.nio.DoubleBuffer gb = Batches.buffer(g);
    Vec src = ws.gxv;
    Par.forRange(ws.n, (chunk, from, to) -> {
      for (int q = from * dim(); q < to * dim(); q++) {
        gb.put(q, src.get(q));
      }
    });
  }

  /** Where gemms write a gradient for out: out itself when of the model's precision and contiguous. */
  private ParamViews target(INDArray out) {
    if (out.dataType() == dtype && Vec.isContiguous(out)) {
      if (out != lastOut) {
        lastOutViews = new ParamViews(layout, out);
        lastOut = out;
      }
      return lastOutViews;
    }
    if (gradBuffer == null) {
      gradBuffer = Nd4j.zeros(dtype, layout.size);
      gradViews = new ParamViews(layout, gradBuffer);
    }
    return gradViews;
  }

  /** Moves a gradient gathered in the internal buffer into out (and clears the buffer). */
  private void finish(ParamViews t, INDArray out) {
    if (t != gradViews) {
      return;
    }
    Vec g = gradViews.v;
    if (Vec.isContiguous(out)) {
      Vec o = Vec.of(out);
      for (int q = 0; q < layout.size; q++) {
        o.put(q, o.get(q) + g.get(q));
        g.put(q, 0.0);
      }
    } else {
      INDArray flat = out.reshape(out.length());
      for (int q = 0; q < layout.size; q++) {
        flat.putScalar(q, flat.getDouble(q) + g.get(q));
        g.put(q, 0.0);
      }
    }
  }

  @Override
  public String toString() {
    return "Mlp{d=" + dim() + ", hidden=" + Arrays.toString(hidden()) + ", " + activation + ", " + dtype
        + ", P=" + layout.size + "}";
  }
}
