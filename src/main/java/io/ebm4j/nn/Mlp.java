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
 * thread. Large batches (N >= {@link Par#MIN_PARALLEL}) run the fused loops on {@link Par}'s threads. Where BLAS runs
 * on one thread ({@code OMP_NUM_THREADS=1}, as {@code ./ebm4j} and the notebook kernel set it), a batch of more than
 * {@value #BLOCK_ROWS} rows runs in blocks instead: each block runs the whole network while its activations are in
 * cache, and the blocks are spread over {@link Par}'s threads, with parameter gradients summed in a fixed order, so
 * the numbers depend only on the batch size.
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
  private final java.util.ArrayDeque<MlpWorkspace> blockPool = new java.util.ArrayDeque<>();
  private ParamViews[] partials;
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
    blocked((int) x.rows(), 1, null, (ws, r0, t) -> {
      load(ws, x, r0, 0);
      passes.forward(ws, 0, 1, 1);
      store(ws, u, r0);
      if (g != null) {
        passes.backwardPlain(ws, null, null, 0, true, null);
        storeGrad(ws, g, r0);
      }
      return 0;
    });
  }

  @Override
  public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    INDArray xs = prepare(x, w, out);
    INDArray wd = w == null ? null : denseWeights(w);
    blocked((int) xs.rows(), 1, out, (ws, r0, t) -> {
      load(ws, xs, r0, 0);
      passes.forward(ws, 0, 1, 1);
      double[] seeds = wd == null ? null : copyWeights(ws, wd, r0);
      passes.backwardPlain(ws, seeds, null, scale, false, t);
      return 0;
    });
  }

  /**
   * One pass for a training step: energies into u [N], grad_x into g [N, d] (g may be null), and
   * out += scale * sum_i w_i dU/dtheta(x_i) (w null: all ones). Cheaper than {@link #evaluate} followed by
   * {@link #accumulateParamGradient}, as the forward pass and the back-propagation are shared.
   */
  @Override
  public void evaluateAndAccumulate(INDArray x, INDArray u, INDArray g, INDArray w, double scale, INDArray out) {
    INDArray xs = prepare(x, w, out);
    INDArray wd = w == null ? null : denseWeights(w);
    blocked((int) xs.rows(), 1, out, (ws, r0, t) -> {
      load(ws, xs, r0, 0);
      passes.forward(ws, 0, 1, 1);
      store(ws, u, r0);
      double[] extra = wd == null ? null : copyWeights(ws, wd, r0);
      passes.backwardPlain(ws, null, extra, scale, g != null, t);
      if (g != null) {
        storeGrad(ws, g, r0);
      }
      return 0;
    });
  }

  // ---------------------------------------------------------------- second order

  /** Laplacian of U at each row of x, [N] (d forward passes along the coordinate axes). */
  public INDArray laplacian(INDArray x) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    double[] lap = new double[(int) xs.rows()];
    blocked(lap.length, 3, null, (ws, r0, t) -> {
      load(ws, xs, r0, 0);
      passes.forward(ws, 0, 1, 2);
      zeroChannel(ws, 2);
      for (int j = 0; j < dim(); j++) {
        axis(ws, j);
        passes.forward(ws, 1, 3, 2);
        for (int i = 0; i < ws.n; i++) {
          lap[r0 + i] += ws.uddot[i];
        }
      }
      return 0;
    });
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
    return blocked((int) xs.rows(), 3, out, (ws, r0, t) -> {
      load(ws, xs, r0, 0);
      passes.forward(ws, 0, 1, t == null ? 2 : 3);
      zeroChannel(ws, 2);
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
      return loss;
    });
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
    return blocked((int) xs.rows(), 3, out, (ws, r0, t) -> {
      load(ws, xs, r0, 0);
      load(ws, vs, r0, 1);
      zeroChannel(ws, 2);
      passes.forward(ws, 0, 3, t == null ? 2 : 3);
      double loss = 0;
      for (int i = 0; i < ws.n; i++) {
        loss += 0.5 * ws.udot[i] * ws.udot[i] - ws.uddot[i];
      }
      if (t != null) {
        passes.backwardTaylor(ws, 3, -1, 1, 0, scale, t);
      }
      return loss;
    });
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
    int d = dim();
    java.nio.DoubleBuffer xb = Batches.buffer(xs);
    java.nio.DoubleBuffer eb = Batches.buffer(es);
    return blocked((int) xs.rows(), 2, out, (ws, r0, t) -> {
      Vec in = ws.xs.v;
      int q0 = r0 * d;
      for (int q = 0; q < ws.n * d; q++) {
        in.put(q, xb.get(q0 + q) + sigma * eb.get(q0 + q));
      }
      return firstOrderScore(ws, eb, q0, 1.0 / sigma, scale, t);
    });
  }

  /**
   * d/dtheta of sum_i |grad U(x_i)|^2 / 2, the squared score norms alone (no Laplacian): out += scale * that.
   * Returns the sum. The benchmark's "SM" column and the core of denoising score matching.
   */
  public double accumulateSquaredScoreGradient(INDArray x, double scale, INDArray out) {
    requireOut(out);
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    return blocked((int) xs.rows(), 2, out, (ws, r0, t) -> {
      load(ws, xs, r0, 0);
      return firstOrderScore(ws, null, 0, 0, scale, t);
    });
  }

  /**
   * With inputs in channel 0: g = grad U, r = g - targetScale * target (target null: 0, read from element q0 on);
   * puts r as the tangent and back-propagates into t (t null: none) d/dtheta sum_i r_i . g_i (r held fixed), which is
   * d/dtheta sum_i |g_i - t_i|^2 / 2.
   */
  private double firstOrderScore(MlpWorkspace ws, java.nio.DoubleBuffer target, int q0, double targetScale,
      double scale, ParamViews t) {
    passes.forward(ws, 0, 1, 2);
    passes.backwardPlain(ws, null, null, 0, true, null);
    int nd = ws.n * dim();
    Vec gx = ws.gxv;
    Vec tan = ws.xs.v;
    double loss = 0;
    for (int q = 0; q < nd; q++) {
      double r = gx.get(q) - (target == null ? 0 : targetScale * target.get(q0 + q));
      tan.put(nd + q, r);
      loss += 0.5 * r * r;
    }
    if (t != null) {
      passes.forward(ws, 1, 2, 2);
      passes.backwardTaylor(ws, 2, 0, 0, 1, scale, t);
    }
    return loss;
  }

  // ---------------------------------------------------------------- plumbing

  /** One call's work on the rows [r0, r0 + ws.n) it loads into ws, adding its parameter gradient to t (t may be null). */
  @FunctionalInterface
  private interface BlockBody {
    /** Returns the block's share of the call's sum (a loss), or 0. */
    double run(MlpWorkspace ws, int r0, ParamViews t);
  }

  /**
   * Runs a call over a batch of n rows. Up to {@link #BLOCK_ROWS} rows run as one block, as before. Where BLAS runs
   * on one thread (the fork-join helpers of {@link Par} are then ebm4j's only parallelism, e.g. with
   * {@code OMP_NUM_THREADS=1}), a larger batch is cut into ceil(n / BLOCK_ROWS) blocks of nearly equal size, each of
   * which runs the whole network while its activations are still in cache. The blocks form at most
   * {@link Par#CHUNKS} groups, run on the calling thread and {@link Par}'s helpers, and each group adds its parameter
   * gradient into a partial of its own; the partials are then added to out in group order, and the losses too, so
   * the numbers depend on n alone, never on the helpers. With multithreaded BLAS the batch runs as one block (its
   * gemms are parallel already, and OpenBLAS's results depend on its thread count, which must not change under a
   * call).
   */
  private double blocked(int n, int channels, INDArray out, BlockBody body) {
    int blocks = n > BLOCK_ROWS && Nd4j.factory().blas().getMaxThreads() == 1 ? (n + BLOCK_ROWS - 1) / BLOCK_ROWS : 1;
    if (blocks == 1) {
      MlpWorkspace ws = workspace(n, channels);
      ParamViews t = out == null ? null : target(out);
      double loss = body.run(ws, 0, t);
      if (t != null) {
        finish(t, out);
      }
      return loss;
    }
    int groups = Math.min(blocks, Par.CHUNKS);
    double[] losses = new double[groups];
    ParamViews[] parts = out == null ? null : partials(groups);
    Par.forChunks(blocks, groups, (g, b0, b1) -> {
      ParamViews t = null;
      if (parts != null) {
        t = parts[g];
        t.v.clear(layout.size);
      }
      double loss = 0;
      for (int b = b0; b < b1; b++) {
        int r0 = Par.start(n, blocks, b);
        MlpWorkspace ws = takeBlock(Par.start(n, blocks, b + 1) - r0, channels);
        try {
          loss += body.run(ws, r0, t);
        } finally {
          giveBlock(ws);
        }
      }
      losses[g] = loss;
    });
    double loss = 0;
    for (double l : losses) {
      loss += l;
    }
    if (parts != null) {
      ParamViews t = target(out);
      for (int g = 0; g < groups; g++) {
        t.flat.addi(parts[g].flat);
      }
      finish(t, out);
    }
    return loss;
  }

  /** Rows of a block of a large batch (see {@link #blocked}). */
  static final int BLOCK_ROWS = 1024;

  /** A workspace for a block of this many rows, from the pool or new (blocks that run at once take different ones). */
  private MlpWorkspace takeBlock(int rows, int channels) {
    synchronized (blockPool) {
      for (java.util.Iterator<MlpWorkspace> it = blockPool.iterator(); it.hasNext(); ) {
        MlpWorkspace ws = it.next();
        if (ws.n == rows && ws.channels >= channels) {
          it.remove();
          return ws;
        }
      }
    }
    return new MlpWorkspace(layout, dtype, rows, channels);
  }

  private void giveBlock(MlpWorkspace ws) {
    synchronized (blockPool) {
      blockPool.addFirst(ws);
      while (blockPool.size() > BLOCK_POOL) {
        blockPool.removeLast();
      }
    }
  }

  /** Workspaces kept for blocks: a few per thread, for the two block sizes a batch has. */
  private static final int BLOCK_POOL = 8;

  /** Gradient partials of the groups of a blocked call, in the model's precision. */
  private ParamViews[] partials(int groups) {
    if (partials == null || partials.length < groups) {
      ParamViews[] p = new ParamViews[groups];
      for (int g = 0; g < groups; g++) {
        p[g] = partials != null && g < partials.length ? partials[g]
            : new ParamViews(layout, Nd4j.zeros(dtype, layout.size));
      }
      partials = p;
    }
    return partials;
  }

  private MlpWorkspace workspace(int n, int channels) {
    MlpWorkspace ws = workspaces.get(n);
    if (ws == null || ws.channels < channels) {
      ws = new MlpWorkspace(layout, dtype, n, Math.max(channels, ws == null ? 1 : ws.channels));
      workspaces.put(n, ws);
    }
    return ws;
  }

  /** Validates the inputs of a parameter-gradient call; returns x. */
  private INDArray prepare(INDArray x, INDArray w, INDArray out) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    if (w != null) {
      Batches.requireWeights(w, xs.rows(), "w");
    }
    requireOut(out);
    return xs;
  }

  private void requireOut(INDArray out) {
    if (out == null || out.length() != layout.size) {
      throw new IllegalArgumentException("out must have length " + layout.size + ", got "
          + (out == null ? "null" : String.valueOf(out.length())));
    }
  }

  private static INDArray denseWeights(INDArray w) {
    return Batches.isDense(w) ? w : w.castTo(DataType.DOUBLE).dup();
  }

  /** Row weights [r0, r0 + ws.n) of a dense double vector, in the workspace's scratch row. */
  private static double[] copyWeights(MlpWorkspace ws, INDArray wd, int r0) {
    Batches.buffer(wd).get(r0, ws.rowB, 0, ws.n);
    return ws.rowB;
  }

  /** Copies rows [r0, r0 + ws.n) of a dense double batch [N, d] into channel c of the input stack. */
  private void load(MlpWorkspace ws, INDArray x, int r0, int c) {
    java.nio.DoubleBuffer xb = Batches.buffer(x);
    Vec in = ws.xs.v;
    int d = dim();
    int base = c * ws.n * d;
    int q0 = r0 * d;
    Par.forRange(ws.n, (chunk, from, to) -> {
      for (int q = from * d; q < to * d; q++) {
        in.put(base + q, xb.get(q0 + q));
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

  /** The workspace's energies into u[r0, r0 + ws.n). */
  private static void store(MlpWorkspace ws, INDArray u, int r0) {
    Batches.buffer(u).put(r0, ws.energy, 0, ws.n);
  }

  /** The workspace's input gradient into rows [r0, r0 + ws.n) of g. */
  private void storeGrad(MlpWorkspace ws, INDArray g, int r0) {
    java.nio.DoubleBuffer gb = Batches.buffer(g);
    Vec src = ws.gxv;
    int d = dim();
    int q0 = r0 * d;
    Par.forRange(ws.n, (chunk, from, to) -> {
      for (int q = from * d; q < to * d; q++) {
        gb.put(q0 + q, src.get(q));
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
