package io.ebm4j.gebm;

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
import org.nd4j.linalg.factory.Nd4j;

/**
 * The implicit base model B_theta of a generalized energy-based model: X = G_theta(Z) with Z ~ eta, G a dense network
 * (one gemm per layer over the whole batch). Latents are standard normal u; with a {@link LatentPrior#UNIFORM} prior
 * the network reads z = Phi(u). {@link #vjp} is the reverse pass: for a cotangent xbar [N, d] of the outputs it gives
 * xbar dG/du per row and adds sum_i xbar_i dG(u_i)/dtheta to a parameter gradient, the product both the KALE base
 * step and the latent samplers need.
 *
 * <pre>{@code
 * Generator g = Generator.builder(2, 3).hidden(64, 64).seed(1).build();
 * INDArray u = g.latents(500, new Rng(7));   // [500, 2] standard normal
 * INDArray x = g.generate(u);                 // [500, 3]
 * }</pre>
 *
 * <p>Parameters are one DOUBLE vector (possibly a view into a larger one, see {@link Gebm}), laid out as
 * {@link DenseNet}: W_1, b_1, ..., W_{L+1}, b_{L+1}. Not safe for concurrent calls (work buffers are shared).
 */
public final class Generator {
  private static final int CACHED_BATCH_SIZES = 4;

  private final DenseNet net;
  private final LatentPrior prior;
  private final INDArray storage;
  private final INDArray params;
  private final DoubleBuffer pb;
  private final DenseNet.Views views;
  private final Map<Integer, Work> works = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Work> eldest) {
      return size() > CACHED_BATCH_SIZES;
    }
  };
  private INDArray lastGrad;
  private DenseNet.Views lastGradViews;

  /**
   * A generator whose parameters live in {@code storage} (a dense DOUBLE vector) from {@code net.offset} on: the
   * whole vector for a standalone generator, a {@link Gebm}'s flat parameters for its base.
   */
  Generator(DenseNet net, LatentPrior prior, INDArray storage) {
    this.net = net;
    this.prior = prior;
    this.storage = storage;
    this.pb = Batches.buffer(storage);
    this.params = storage.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(net.offset, net.offset + net.size));
    this.views = net.new Views(storage);
  }

  /** Starts a builder for a generator from latentDim latent coordinates to dim output coordinates. */
  public static Builder builder(int latentDim, int dim) {
    return new Builder(latentDim, dim);
  }

  /** Fluent configuration: hidden widths (required), activation (default SiLU), prior (default Gaussian), seed. */
  public static final class Builder {
    final int latentDim;
    final int dim;
    int[] hidden;
    Activation activation = Activation.SILU;
    LatentPrior prior = LatentPrior.GAUSSIAN;
    long seed;

    Builder(int latentDim, int dim) {
      if (latentDim < 1) {
        throw new IllegalArgumentException("latentDim must be at least 1, got " + latentDim);
      }
      if (dim < 1) {
        throw new IllegalArgumentException("dim must be at least 1, got " + dim);
      }
      this.latentDim = latentDim;
      this.dim = dim;
    }

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

    public Builder activation(Activation a) {
      if (a == null) {
        throw new IllegalArgumentException("activation must not be null");
      }
      this.activation = a;
      return this;
    }

    public Builder prior(LatentPrior p) {
      if (p == null) {
        throw new IllegalArgumentException("prior must not be null");
      }
      this.prior = p;
      return this;
    }

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    DenseNet net(int offset) {
      if (hidden == null) {
        throw new IllegalArgumentException("hidden must name at least one layer width, got none");
      }
      return new DenseNet(latentDim, hidden, dim, activation, offset);
    }

    /** Glorot-uniform weights in every layer (the output layer too), zero biases. */
    static void init(DenseNet net, double[] p, long seed) {
      SplitMix r = new SplitMix(seed);
      net.init(p, r);
      int l = net.layers + 1;
      double a = Math.sqrt(6.0 / (net.n[l - 1] + net.n[l]));
      for (int q = 0; q < net.n[l - 1] * net.n[l]; q++) {
        p[net.weightOffset(l) + q] = a * (2 * r.nextDouble() - 1);
      }
    }

    public Generator build() {
      DenseNet net = net(0);
      double[] p = new double[net.size];
      init(net, p, seed);
      return new Generator(net, prior, Batches.vector(p));
    }
  }

  /**
   * The identity generator G(u) = u on R^d, written exactly as a network: leaky_relu(u) - leaky_relu(-u) = (1 + leak) u
   * (hidden width 2d, output weights 1 / (1 + leak)). With it a GEBM is a standard EBM with base N(0, I): a case with
   * known answers, for tests and the sampler comparison.
   */
  public static Generator identity(int d) {
    Generator g = builder(d, d).hidden(2 * d).activation(Activation.LEAKY_RELU).build();
    DoubleBuffer p = g.pb;
    for (int q = 0; q < g.numParams(); q++) {
      p.put(q, 0.0);
    }
    for (int j = 0; j < d; j++) {
      p.put(j * 2 * d + j, 1.0);
      p.put(j * 2 * d + d + j, -1.0);
    }
    int w2 = g.net.weightOffset(2);
    for (int j = 0; j < d; j++) {
      p.put(w2 + j * d + j, 1.0 / (1 + Activation.LEAK));
      p.put(w2 + (d + j) * d + j, -1.0 / (1 + Activation.LEAK));
    }
    return g;
  }

  /** Latent dimension k. */
  public int latentDim() {
    return net.inputs();
  }

  /** Output dimension d. */
  public int dim() {
    return net.outputs();
  }

  public LatentPrior prior() {
    return prior;
  }

  /** Hidden widths. */
  public int[] hidden() {
    return Arrays.copyOfRange(net.n, 1, net.layers + 1);
  }

  public Activation activation() {
    return net.activation;
  }

  /** The live parameter vector theta (DOUBLE; a view when the generator is a {@link Gebm}'s base). */
  public INDArray params() {
    return params;
  }

  public int numParams() {
    return net.size;
  }

  /** Parameter names with a prefix, written into names at the storage's offsets. */
  void names(String prefix, String[] names) {
    net.names(prefix, names);
  }

  /** Length of the vector that holds the parameters (and of the gradients {@link #vjp} accumulates). */
  public int storageLength() {
    return (int) storage.length();
  }

  /** n standard normal latents u [n, k] (chunked streams: the same numbers on any number of threads). */
  public INDArray latents(int n, Rng rng) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    INDArray u = Batches.zeros(n, latentDim());
    rng.fillNormal(Batches.buffer(u), n * latentDim());
    return u;
  }

  /** G(u) for latents u [N, k]; returns a new [N, d]. */
  public INDArray generate(INDArray u) {
    INDArray us = Batches.requireBatch(u, latentDim(), "u");
    return forward(us).out().dup();
  }

  /** n base samples G(u), u ~ N(0, I). */
  public INDArray sample(int n, Rng rng) {
    return generate(latents(n, rng));
  }

  /**
   * The reverse pass at u [N, k] (dense, unchecked): writes ubar = xbar dG/du into ubar [N, k] when not null, and adds
   * sum_i xbar_i dG(u_i)/dtheta into grad when not null. grad is a dense DOUBLE vector in the layout of the vector
   * that holds the parameters, of length {@link #storageLength} (numParams for a standalone generator, the whole
   * parameter vector for a {@link Gebm}'s base).
   */
  public void vjp(INDArray u, INDArray xbar, INDArray ubar, INDArray grad) {
    Work w = forward(u);
    backward(w, xbar, ubar, grad);
  }

  /** Forward pass into the work of u's batch size; the outputs are {@code w.out}. */
  Work forward(INDArray u) {
    int n = (int) u.rows();
    Work w = works.computeIfAbsent(n, Work::new);
    INDArray in = u;
    if (prior == LatentPrior.UNIFORM) {
      final DoubleBuffer ub = Batches.buffer(u);
      final DoubleBuffer cb = w.cb;
      final double[] dc = w.dc;
      final int k = latentDim();
      Par.forRange(n, (ch, from, to) -> {
        for (int q = from * k; q < to * k; q++) {
          double v = ub.get(q);
          cb.put(q, NormalCdf.cdf(v));
          dc[q] = NormalCdf.pdf(v);
        }
      });
      in = w.c;
    }
    net.forward(views, pb, in, w.net);
    return w;
  }

  /** Reverse pass of the last forward held in w. */
  void backward(Work w, INDArray xbar, INDArray ubar, INDArray grad) {
    DenseNet.Views g = grad == null ? null : gradViews(grad);
    net.backward(views, w.net, xbar, ubar, g);
    if (ubar != null && prior == LatentPrior.UNIFORM) {
      final DoubleBuffer b = Batches.buffer(ubar);
      final double[] dc = w.dc;
      final int k = latentDim();
      Par.forRange(w.rows, (ch, from, to) -> {
        for (int q = from * k; q < to * k; q++) {
          b.put(q, b.get(q) * dc[q]);
        }
      });
    }
  }

  private DenseNet.Views gradViews(INDArray grad) {
    if (grad != lastGrad) {
      if (grad.length() != storage.length() || !Batches.isDense(grad)) {
        throw new IllegalArgumentException("grad must be a dense DOUBLE vector of length " + storage.length()
            + ", got " + grad.length());
      }
      lastGradViews = net.new Views(grad);
      lastGrad = grad;
    }
    return lastGradViews;
  }

  /** Work arrays of one batch size. */
  final class Work {
    final int rows;
    final DenseNet.Work net;
    final INDArray c;
    final DoubleBuffer cb;
    final double[] dc;

    Work(int rows) {
      this.rows = rows;
      this.net = Generator.this.net.new Work(rows);
      if (prior == LatentPrior.UNIFORM) {
        c = Batches.zeros(rows, latentDim());
        cb = Batches.buffer(c);
        dc = new double[rows * latentDim()];
      } else {
        c = null;
        cb = null;
        dc = null;
      }
    }

    INDArray out() {
      return net.out;
    }
  }

  /** A standalone copy with the same parameters. */
  public Generator copy() {
    DenseNet own = new DenseNet(latentDim(), hidden(), dim(), net.activation, 0);
    return new Generator(own, prior, params.dup());
  }

  @Override
  public String toString() {
    return "Generator{k=" + latentDim() + ", d=" + dim() + ", hidden=" + Arrays.toString(hidden()) + ", "
        + net.activation + ", " + prior + ", P=" + net.size + "}";
  }
}
