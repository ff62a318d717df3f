package io.ebm4j.conditional;

import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A joint-embedding conditional energy, E(W, y, x) = |G_W(x) - H_y|^2 / 2: the input is mapped to R^m by a dense
 * network G_W (affine with no hidden layer, tanh MLP otherwise) and each answer y has a learned embedding H_y in
 * R^m (a row of H [K, m]). Energies are non-negative, and zero for every answer at once when G is constant and all
 * H_y equal it: the collapsed solution of the tutorial's section 2.2 (LeCun et al., "A Tutorial on Energy-Based
 * Learning", 2006, http://yann.lecun.com/exdb/publis/pdf/lecun-06.pdf), which the energy loss alone reaches because
 * pushing down E(W, y_i, x_i) never pushes up any other answer's energy.
 *
 * <pre>{@code
 * EmbeddingEnergy e = ConditionalEnergies.embedding(64, 10, 16, new int[] {32}, 1L);
 * INDArray energies = e.energies(x);   // [N, 10], all >= 0
 * }</pre>
 */
public final class EmbeddingEnergy implements ConditionalEnergy {
  private final Dense net;
  private final int classes;
  private final long seed;
  private final INDArray params;
  private final Dense.Views views;
  /** H as a [K, m] view of params. */
  private final INDArray h;
  private INDArray lastGrad;
  private Dense.Views lastGradViews;
  private INDArray lastGradH;

  EmbeddingEnergy(int d, int classes, int embedDim, int[] hidden, long seed) {
    this.net = new Dense(d, hidden, embedDim, Activation.TANH);
    this.classes = classes;
    this.seed = seed;
    this.params = Batches.zeros(net.size + (long) classes * embedDim);
    Rng rng = new Rng(seed);
    DoubleBuffer p = Batches.buffer(params);
    net.init(p, 0, rng);
    for (int q = net.size; q < params.length(); q++) {
      p.put(q, 2 * rng.uniform() - 1);
    }
    this.views = net.views(params, 0);
    this.h = hView(params);
  }

  private INDArray hView(INDArray vector) {
    int m = embedDim();
    return Nd4j.create(vector.data(), new long[] {classes, m}, new long[] {m, 1}, vector.offset() + net.size, 'c',
        vector.dataType());
  }

  @Override
  public int dim() {
    return net.n[0];
  }

  @Override
  public int classes() {
    return classes;
  }

  /** Dimension m of the embedding. */
  public int embedDim() {
    return net.outputs();
  }

  /** Widths of G's hidden layers (empty when G is affine). */
  public int[] hidden() {
    return Arrays.copyOfRange(net.n, 1, net.layers + 1);
  }

  /** A copy of the answers' embeddings H [K, m]. */
  public INDArray answerEmbeddings() {
    return h.dup();
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public String[] paramNames() {
    String[] names = new String[(int) params.length()];
    net.names("G.", names, 0);
    int m = embedDim();
    for (int y = 0; y < classes; y++) {
      for (int j = 0; j < m; j++) {
        names[net.size + y * m + j] = "H[" + y + "," + j + "]";
      }
    }
    return names;
  }

  @Override
  public void energies(INDArray x, INDArray e) {
    Dense.Work w = net.work((int) x.rows());
    net.forward(views, x, w);
    fill(w.out(), e);
  }

  /** e[i, y] = |g_i|^2 / 2 + |h_y|^2 / 2 - g_i . h_y. */
  private void fill(INDArray g, INDArray e) {
    int n = (int) g.rows();
    int m = embedDim();
    Nd4j.gemm(g, h, e, false, true, -1.0, 0.0);
    DoubleBuffer gb = Batches.buffer(g);
    DoubleBuffer eb = Batches.buffer(e);
    double[] hh = new double[classes];
    for (int y = 0; y < classes; y++) {
      double s = 0;
      for (int j = 0; j < m; j++) {
        double v = h.getDouble(y, j);
        s += v * v;
      }
      hh[y] = s / 2;
    }
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < m; j++) {
        double v = gb.get(i * m + j);
        s += v * v;
      }
      for (int y = 0; y < classes; y++) {
        int q = i * classes + y;
        eb.put(q, eb.get(q) + s / 2 + hh[y]);
      }
    }
  }

  /**
   * With c the cotangent [N, K]: dE/dg_i = sum_y c[i,y] (g_i - h_y) and dE/dh_y = sum_i c[i,y] (h_y - g_i), then
   * back through G.
   */
  @Override
  public void backward(INDArray x, INDArray c, double scale, INDArray paramGrad, INDArray gradX) {
    Cotangents.require(c, x.rows(), classes);
    int n = (int) x.rows();
    int m = embedDim();
    Dense.Work w = net.work(n);
    net.forward(views, x, w);
    INDArray g = w.out();
    DoubleBuffer cb = Batches.buffer(c);
    Dense.Views gv = null;
    if (paramGrad != null) {
      Cotangents.requireParamGrad(paramGrad, (int) params.length());
      if (paramGrad != lastGrad) {
        lastGradViews = net.views(paramGrad, 0);
        lastGradH = hView(paramGrad);
        lastGrad = paramGrad;
      }
      gv = lastGradViews;
      INDArray gh = lastGradH;
      Nd4j.gemm(c, g, gh, true, false, -scale, 1.0);
      for (int y = 0; y < classes; y++) {
        double col = 0;
        for (int i = 0; i < n; i++) {
          col += cb.get(i * classes + y);
        }
        for (int j = 0; j < m; j++) {
          gh.putScalar(y, j, gh.getDouble(y, j) + scale * col * h.getDouble(y, j));
        }
      }
    }
    INDArray gbar = Batches.zeros(n, m);
    Nd4j.gemm(c, h, gbar, false, false, -1.0, 0.0);
    DoubleBuffer gbb = Batches.buffer(gbar);
    DoubleBuffer gb = Batches.buffer(g);
    for (int i = 0; i < n; i++) {
      double r = 0;
      for (int y = 0; y < classes; y++) {
        r += cb.get(i * classes + y);
      }
      for (int j = 0; j < m; j++) {
        int q = i * m + j;
        gbb.put(q, gbb.get(q) + r * gb.get(q));
      }
    }
    net.backward(views, w, gbar, gv, scale, gradX);
  }

  @Override
  public EmbeddingEnergy copy() {
    EmbeddingEnergy e = new EmbeddingEnergy(dim(), classes, embedDim(), hidden(), seed);
    e.params.assign(params);
    return e;
  }

  @Override
  public String toString() {
    return "EmbeddingEnergy{d=" + dim() + ", K=" + classes + ", m=" + embedDim()
        + (net.layers == 0 ? ", G affine" : ", hidden=" + Arrays.toString(hidden()) + ", tanh") + ", P="
        + params.length() + "}";
  }
}
