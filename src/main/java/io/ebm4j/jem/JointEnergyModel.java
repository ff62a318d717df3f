package io.ebm4j.jem;

import io.ebm4j.energy.Energy;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.DenseNet;
import io.ebm4j.random.SplitMix;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classifier read as an energy-based model (Grathwohl, Wang, Jacobsen, Duvenaud, Norouzi, Swersky, "Your
 * Classifier is Secretly an Energy Based Model and You Should Treat It Like One", ICLR 2020,
 * https://arxiv.org/abs/1912.03263). The logits f(x) [K] of a dense network define
 *
 * <pre>
 *   p(y | x) = softmax(f(x))_y,   E(x, y) = -f(x)[y],   E(x) = -log sum_y exp(f(x)[y]),
 * </pre>
 *
 * so p(x, y) = exp(f(x)[y]) / Z and p(x) = exp(-E(x)) / Z: the same network is a classifier and an energy. As an
 * {@link Energy} this is E(x) (grad_x E = -sum_y p(y|x) grad_x f_y), so every sampler runs on it;
 * {@link #classEnergy} is E(x, y) for class-conditional sampling. The network is 64 -> hidden -> K of
 * {@link DenseNet} (one gemm per layer), all in double precision.
 *
 * <pre>{@code
 * JointEnergyModel m = JointEnergyModel.builder(64, 10).hidden(128).seed(1).build();
 * INDArray p = m.predictProbabilities(x);     // [N, 10]
 * INDArray e = m.energy(x);                   // E(x) = -logsumexp f(x), [N]
 * }</pre>
 */
public final class JointEnergyModel implements TrainableEnergy {
  private final DenseNet net;
  private final Activation activation;
  private final long seed;
  private final INDArray params;
  private final DoubleBuffer pb;
  private final DenseNet.Views views;
  private DenseNet.Work work;
  private INDArray obar;

  private JointEnergyModel(int dim, int classes, int[] hidden, Activation activation, long seed, double[] p) {
    this.net = new DenseNet(dim, hidden, classes, activation, 0);
    this.activation = activation;
    this.seed = seed;
    if (p == null) {
      p = new double[net.size];
      SplitMix r = new SplitMix(seed);
      net.init(p, r);
      int last = hidden.length == 0 ? dim : hidden[hidden.length - 1];
      double a = Math.sqrt(6.0 / (last + classes));
      for (int q = 0; q < last * classes; q++) {
        p[net.weightOffset(hidden.length + 1) + q] = a * (2 * r.nextDouble() - 1);
      }
    }
    this.params = Batches.vector(p);
    this.pb = Batches.buffer(params);
    this.views = net.new Views(params);
  }

  /** A builder for a model on points of dimension dim with the given number of classes. */
  public static Builder builder(int dim, int classes) {
    return new Builder(dim, classes);
  }

  /** Settings of a {@link JointEnergyModel}: hidden widths (default 128), activation (default SiLU), seed. */
  public static final class Builder {
    private final int dim;
    private final int classes;
    private int[] hidden = {128};
    private Activation activation = Activation.SILU;
    private long seed = 1;

    private Builder(int dim, int classes) {
      if (dim < 1) {
        throw new IllegalArgumentException("dim must be at least 1, got " + dim);
      }
      if (classes < 2) {
        throw new IllegalArgumentException("classes must be at least 2, got " + classes);
      }
      this.dim = dim;
      this.classes = classes;
    }

    /** Hidden widths (none: a linear softmax classifier). */
    public Builder hidden(int... widths) {
      if (widths == null) {
        throw new IllegalArgumentException("hidden must not be null");
      }
      for (int w : widths) {
        if (w < 1) {
          throw new IllegalArgumentException("hidden widths must be positive, got " + Arrays.toString(widths));
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

    /** Seed of the Glorot initialisation. */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public JointEnergyModel build() {
      return new JointEnergyModel(dim, classes, hidden, activation, seed, null);
    }
  }

  @Override
  public int dim() {
    return net.inputs();
  }

  /** Number of classes K. */
  public int classes() {
    return net.outputs();
  }

  /** Hidden widths. */
  public int[] hidden() {
    return Arrays.copyOfRange(net.n, 1, net.layers + 1);
  }

  public Activation activation() {
    return activation;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public int numParams() {
    return net.size;
  }

  @Override
  public String[] paramNames() {
    String[] names = new String[net.size];
    net.names("", names);
    return names;
  }

  @Override
  public JointEnergyModel copy() {
    return new JointEnergyModel(dim(), classes(), hidden(), activation, seed, Batches.toArray(params));
  }

  /** The logits f(x) [N, K] of a batch x [N, d]. */
  public INDArray logits(INDArray x) {
    return forward(Batches.requireBatch(x, dim(), "x")).out.dup();
  }

  /** p(y | x) = softmax(f(x)) [N, K]. */
  public INDArray predictProbabilities(INDArray x) {
    DenseNet.Work w = forward(Batches.requireBatch(x, dim(), "x"));
    INDArray p = Batches.zeros(w.rows, classes());
    softmax(w.outb, Batches.buffer(p), w.rows, classes(), 1.0);
    return p;
  }

  /** argmax_y f(x)[y] for each row. */
  public int[] predict(INDArray x) {
    DenseNet.Work w = forward(Batches.requireBatch(x, dim(), "x"));
    int k = classes();
    int[] y = new int[w.rows];
    for (int i = 0; i < w.rows; i++) {
      for (int c = 1; c < k; c++) {
        if (w.outb.get(i * k + c) > w.outb.get(i * k + y[i])) {
          y[i] = c;
        }
      }
    }
    return y;
  }

  /** E(x) = -logsumexp_y f(x)[y], and grad_x E = -sum_y softmax_y grad_x f_y when g is not null. */
  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    DenseNet.Work w = forward(x);
    int k = classes();
    DoubleBuffer ub = Batches.buffer(u);
    DoubleBuffer ob = g == null ? null : Batches.buffer(obar(w.rows));
    for (int i = 0; i < w.rows; i++) {
      ub.put(i, -logSumExp(w.outb, i, k));
    }
    if (g != null) {
      softmax(w.outb, ob, w.rows, k, -1.0);
      net.backward(views, w, obar, g, null);
    }
  }

  /** out += scale * sum_i w_i dE(x_i)/dtheta, with dE/dtheta = -sum_y p(y|x) df_y/dtheta. */
  @Override
  public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    DenseNet.Work work = forward(x);
    int k = classes();
    DoubleBuffer ob = Batches.buffer(obar(work.rows));
    softmax(work.outb, ob, work.rows, k, -scale);
    if (w != null) {
      DoubleBuffer wb = Batches.buffer(w);
      for (int i = 0; i < work.rows; i++) {
        for (int c = 0; c < k; c++) {
          ob.put(i * k + c, ob.get(i * k + c) * wb.get(i));
        }
      }
    }
    net.backward(views, work, obar, null, net.new Views(out));
  }

  /** Mean cross-entropy -(1/N) sum_i log p(y_i | x_i) of labelled points. */
  public double crossEntropy(INDArray x, int[] labels) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    requireLabels(labels, xs.rows());
    DenseNet.Work w = forward(xs);
    int k = classes();
    double s = 0;
    for (int i = 0; i < w.rows; i++) {
      s += logSumExp(w.outb, i, k) - w.outb.get(i * k + labels[i]);
    }
    return s / w.rows;
  }

  /**
   * out += scale * sum_i d/dtheta (-log p(y_i | x_i)) = scale * sum_i (p(.|x_i) - onehot(y_i)) df/dtheta; returns the
   * mean cross-entropy of the batch (one forward pass for both).
   */
  public double accumulateCrossEntropyGradient(INDArray x, int[] labels, double scale, INDArray out) {
    INDArray xs = Batches.requireBatch(x, dim(), "x");
    requireLabels(labels, xs.rows());
    if (out == null || out.length() != net.size) {
      throw new IllegalArgumentException("out must have length " + net.size + ", got "
          + (out == null ? "null" : String.valueOf(out.length())));
    }
    DenseNet.Work w = forward(xs);
    int k = classes();
    double s = 0;
    for (int i = 0; i < w.rows; i++) {
      s += logSumExp(w.outb, i, k) - w.outb.get(i * k + labels[i]);
    }
    DoubleBuffer ob = Batches.buffer(obar(w.rows));
    softmax(w.outb, ob, w.rows, k, scale);
    for (int i = 0; i < w.rows; i++) {
      ob.put(i * k + labels[i], ob.get(i * k + labels[i]) - scale);
    }
    net.backward(views, w, obar, null, net.new Views(out));
    return s / w.rows;
  }

  /**
   * E(x, y) = -f(x)[y] as an energy of x (sharing this model's parameters): sampling it draws from p(x | y).
   *
   * <pre>{@code
   * Energy three = model.classEnergy(3);
   * }</pre>
   */
  public Energy classEnergy(int y) {
    if (y < 0 || y >= classes()) {
      throw new IllegalArgumentException("y must be in [0, " + classes() + "), got " + y);
    }
    return new Energy() {
      @Override
      public int dim() {
        return JointEnergyModel.this.dim();
      }

      @Override
      public void evaluate(INDArray x, INDArray u, INDArray g) {
        DenseNet.Work w = forward(x);
        int k = classes();
        DoubleBuffer ub = Batches.buffer(u);
        for (int i = 0; i < w.rows; i++) {
          ub.put(i, -w.outb.get(i * k + y));
        }
        if (g != null) {
          DoubleBuffer ob = Batches.buffer(obar(w.rows));
          for (int q = 0; q < w.rows * k; q++) {
            ob.put(q, q % k == y ? -1.0 : 0.0);
          }
          net.backward(views, w, obar, g, null);
        }
      }

      @Override
      public String toString() {
        return "E(x, y=" + y + ") of " + JointEnergyModel.this;
      }
    };
  }

  @Override
  public String toString() {
    return "JointEnergyModel{" + dim() + " -> " + Arrays.toString(hidden()) + " -> " + classes() + ", "
        + activation + "}";
  }

  private DenseNet.Work forward(INDArray x) {
    int n = (int) x.rows();
    if (work == null || work.rows != n) {
      work = net.new Work(n);
    }
    net.forward(views, pb, x, work);
    return work;
  }

  private INDArray obar(int n) {
    if (obar == null || obar.rows() != n) {
      obar = Batches.zeros(n, classes());
    }
    return obar;
  }

  private void requireLabels(int[] labels, long n) {
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException("labels must have one entry per row (" + n + "), got "
          + (labels == null ? "null" : String.valueOf(labels.length)));
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes()) {
        throw new IllegalArgumentException("labels must be in [0, " + classes() + "), got " + labels[i] + " at " + i);
      }
    }
  }

  static double logSumExp(DoubleBuffer f, int i, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, f.get(i * k + c));
    }
    double s = 0;
    for (int c = 0; c < k; c++) {
      s += Math.exp(f.get(i * k + c) - max);
    }
    return max + Math.log(s);
  }

  /** out = factor * softmax of each row of f. */
  private static void softmax(DoubleBuffer f, DoubleBuffer out, int n, int k, double factor) {
    for (int i = 0; i < n; i++) {
      double lse = logSumExp(f, i, k);
      for (int c = 0; c < k; c++) {
        out.put(i * k + c, factor * Math.exp(f.get(i * k + c) - lse));
      }
    }
  }
}
