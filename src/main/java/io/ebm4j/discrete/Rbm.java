package io.ebm4j.discrete;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Bernoulli-Bernoulli restricted Boltzmann machine: visible v in {0,1}^{n_v}, hidden h in {0,1}^{n_h}, joint
 * energy E(v, h) = -b.v - c.h - h^T W v. As an {@link io.ebm4j.energy.Energy} on the visible units, U is the free
 * energy
 *
 * <pre>
 *   U(v) = F(v) = -log sum_h e^{-E(v,h)} = -b.v - sum_j softplus(c_j + W_j.v),
 * </pre>
 *
 * with dF/dW_jk = -sigmoid(c_j + W_j.v) v_k, dF/db = -v, dF/dc_j = -sigmoid(c_j + W_j.v). The conditionals factorise:
 * p(h_j = 1 | v) = sigmoid(c_j + W_j.v) and p(v_k = 1 | h) = sigmoid(b_k + (W^T h)_k), each computed for a whole
 * batch with one gemm (Hinton, "Training products of experts by minimizing contrastive divergence", Neural
 * Computation 14(8), 2002). Parameters theta = (W row-major [n_h, n_v], b [n_v], c [n_h]). Gradients in v are
 * unsupported (binary states).
 *
 * <pre>{@code
 * Rbm rbm = Rbm.random(64, 100, 0.01, new Rng(0)).visibleBiasFrom(data);
 * INDArray ph = rbm.hiddenProbabilities(data);   // [N, 100]
 * INDArray f = rbm.energy(data);                 // free energies [N]
 * }</pre>
 */
public final class Rbm implements BinaryEnergy, TrainableEnergy {
  private final int nv;
  private final int nh;
  private final INDArray params;
  private final INDArray w;
  private final INDArray b;
  private final INDArray c;

  private Rbm(int nv, int nh, double[] p) {
    this.nv = nv;
    this.nh = nh;
    this.params = Batches.vector(p);
    this.w = Bin.view(params, 0, nh, nv);
    this.b = Bin.view(params, (long) nh * nv, 1, nv);
    this.c = Bin.view(params, (long) nh * nv + nv, 1, nh);
  }

  /** An RBM with all parameters zero. */
  public static Rbm of(int visible, int hidden) {
    Bin.requirePositive(visible, "visible");
    Bin.requirePositive(hidden, "hidden");
    return new Rbm(visible, hidden, new double[hidden * visible + visible + hidden]);
  }

  /** An RBM with weights W_jk ~ N(0, weightStd^2) and zero biases. */
  public static Rbm random(int visible, int hidden, double weightStd, Rng rng) {
    if (!(weightStd >= 0) || !Double.isFinite(weightStd)) {
      throw new IllegalArgumentException("weightStd must be non-negative and finite, got " + weightStd);
    }
    Rbm r = of(visible, hidden);
    DoubleBuffer p = Batches.buffer(r.params);
    for (int k = 0; k < hidden * visible; k++) {
      p.put(k, weightStd * rng.normal());
    }
    return r;
  }

  /**
   * Sets the visible biases to log(p_k / (1 - p_k)) with p_k the mean of column k of data, clipped to [eps, 1-eps]
   * with eps = 1e-3: the model a zero-weight RBM would fit, and the usual starting point. Returns this.
   */
  public Rbm visibleBiasFrom(INDArray data) {
    double[] p = visibleMeans(Encoding.ZERO_ONE.requireStates(data, nv, "data"));
    for (int k = 0; k < nv; k++) {
      b.putScalar(0, k, Math.log(p[k] / (1 - p[k])));
    }
    return this;
  }

  /** Column means of validated 0/1 data, clipped to [1e-3, 1 - 1e-3]. */
  static double[] visibleMeans(INDArray data) {
    int n = (int) data.rows();
    int d = (int) data.columns();
    DoubleBuffer xb = Batches.buffer(data);
    double[] m = new double[d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        m[k] += xb.get(i * d + k);
      }
    }
    for (int k = 0; k < d; k++) {
      m[k] = Math.min(1 - 1e-3, Math.max(1e-3, m[k] / n));
    }
    return m;
  }

  /** Number of visible units n_v. */
  public int visible() {
    return nv;
  }

  /** Number of hidden units n_h. */
  public int hidden() {
    return nh;
  }

  /** Live weights W [n_h, n_v] (a view of {@link #params}). */
  public INDArray weights() {
    return w;
  }

  /** Live visible biases b [1, n_v]. */
  public INDArray visibleBias() {
    return b;
  }

  /** Live hidden biases c [1, n_h]. */
  public INDArray hiddenBias() {
    return c;
  }

  /** Whether every weight is zero (then both layers are independent and Z factorises). */
  boolean weightsZero() {
    DoubleBuffer p = Batches.buffer(params);
    for (int k = 0; k < nh * nv; k++) {
      if (p.get(k) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int dim() {
    return nv;
  }

  @Override
  public Encoding encoding() {
    return Encoding.ZERO_ONE;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public String[] paramNames() {
    String[] names = new String[numParams()];
    for (int j = 0; j < nh; j++) {
      for (int k = 0; k < nv; k++) {
        names[j * nv + k] = "W" + j + "_" + k;
      }
    }
    for (int k = 0; k < nv; k++) {
      names[nh * nv + k] = "b" + k;
    }
    for (int j = 0; j < nh; j++) {
      names[nh * nv + nv + j] = "c" + j;
    }
    return names;
  }

  @Override
  public Rbm copy() {
    return new Rbm(nv, nh, Bin.values(params));
  }

  /** Free energies F(v) of a validated batch v [N, n_v]; returns [N]. */
  @Override
  public INDArray energy(INDArray v) {
    INDArray vs = encoding().requireStates(v, nv, "v");
    INDArray u = Batches.zeros(vs.rows());
    evaluate(vs, u, null);
    return u;
  }

  @Override
  public void evaluate(INDArray v, INDArray u, INDArray g) {
    Bin.requireNoGradient(g, "Rbm");
    INDArray pre = Batches.zeros(v.rows(), nh);
    hiddenPre(v, pre);
    freeEnergyFromPre(v, pre, u);
  }

  /** Joint energies E(v_i, h_i) = -b.v - c.h - h^T W v for validated batches v [N, n_v], h [N, n_h]; returns [N]. */
  public INDArray jointEnergy(INDArray v, INDArray h) {
    INDArray vs = encoding().requireStates(v, nv, "v");
    INDArray hs = encoding().requireStates(h, nh, "h");
    if (vs.rows() != hs.rows()) {
      throw new IllegalArgumentException("v and h must have the same number of rows, got " + vs.rows() + " and "
          + hs.rows());
    }
    int n = (int) vs.rows();
    INDArray pre = Batches.zeros(n, nh);
    hiddenPre(vs, pre);
    DoubleBuffer pb = Batches.buffer(pre);
    DoubleBuffer hb = Batches.buffer(hs);
    DoubleBuffer vb = Batches.buffer(vs);
    double[] bb = Batches.toArray(b.dup());
    INDArray e = Batches.zeros(n);
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < nv; k++) {
        s -= bb[k] * vb.get(i * nv + k);
      }
      for (int j = 0; j < nh; j++) {
        s -= hb.get(i * nh + j) * pb.get(i * nh + j); // c_j h_j + h_j W_j.v
      }
      e.putScalar(i, s);
    }
    return e;
  }

  /** p(h_j = 1 | v_i) = sigmoid(c_j + W_j.v_i) for a validated batch v [N, n_v]; returns [N, n_h]. */
  public INDArray hiddenProbabilities(INDArray v) {
    INDArray vs = encoding().requireStates(v, nv, "v");
    INDArray p = Batches.zeros(vs.rows(), nh);
    hiddenPre(vs, p);
    sigmoidInPlace(p);
    return p;
  }

  /** p(v_k = 1 | h_i) = sigmoid(b_k + (W^T h_i)_k) for a validated batch h [N, n_h]; returns [N, n_v]. */
  public INDArray visibleProbabilities(INDArray h) {
    INDArray hs = encoding().requireStates(h, nh, "h");
    INDArray p = Batches.zeros(hs.rows(), nv);
    visiblePre(hs, p);
    sigmoidInPlace(p);
    return p;
  }

  private static void sigmoidInPlace(INDArray a) {
    DoubleBuffer pb = Batches.buffer(a);
    int len = (int) a.length();
    for (int k = 0; k < len; k++) {
      pb.put(k, Bin.sigmoid(pb.get(k)));
    }
  }

  /** out [N, n_h] = v W^T + c: one gemm plus a fused bias loop. */
  void hiddenPre(INDArray v, INDArray out) {
    Nd4j.gemm(v, w, out, false, true, 1.0, 0.0);
    addRow(out, c, nh);
  }

  /** out [N, n_v] = h W + b. */
  void visiblePre(INDArray h, INDArray out) {
    Nd4j.gemm(h, w, out, false, false, 1.0, 0.0);
    addRow(out, b, nv);
  }

  /** Visible products only, out [N, n_v] = h W (annealed importance sampling adds its own tempered biases). */
  void visibleProduct(INDArray h, INDArray out) {
    Nd4j.gemm(h, w, out, false, false, 1.0, 0.0);
  }

  /** Hidden products only, out = v W^T. */
  void hiddenProduct(INDArray v, INDArray out) {
    Nd4j.gemm(v, w, out, false, true, 1.0, 0.0);
  }

  private void addRow(INDArray out, INDArray bias, int width) {
    final double[] bv = biasValues(bias, width);
    final DoubleBuffer ob = Batches.buffer(out);
    Par.forRange((int) out.rows(), (ch, from, to) -> {
      for (int i = from; i < to; i++) {
        int off = i * width;
        for (int k = 0; k < width; k++) {
          ob.put(off + k, ob.get(off + k) + bv[k]);
        }
      }
    });
  }

  private double[] biasValues(INDArray bias, int width) {
    DoubleBuffer p = Batches.buffer(params);
    int off = (int) bias.offset();
    double[] v = new double[width];
    p.get(off, v);
    return v;
  }

  /** Visible biases as a Java array. */
  double[] visibleBiasValues() {
    return biasValues(b, nv);
  }

  /** Hidden biases as a Java array. */
  double[] hiddenBiasValues() {
    return biasValues(c, nh);
  }

  /** u_i = -b.v_i - sum_j softplus(pre_ij), given pre = v W^T + c. */
  void freeEnergyFromPre(INDArray v, INDArray pre, INDArray u) {
    final double[] bv = visibleBiasValues();
    final DoubleBuffer vb = Batches.buffer(v);
    final DoubleBuffer pb = Batches.buffer(pre);
    final DoubleBuffer ub = Batches.buffer(u);
    Par.forRange((int) v.rows(), (ch, from, to) -> {
      for (int i = from; i < to; i++) {
        double s = 0;
        for (int k = 0; k < nv; k++) {
          s -= bv[k] * vb.get(i * nv + k);
        }
        for (int j = 0; j < nh; j++) {
          s -= Bin.softplus(pb.get(i * nh + j));
        }
        ub.put(i, s);
      }
    });
  }

  @Override
  public void accumulateParamGradient(INDArray v, INDArray weights, double scale, INDArray out) {
    INDArray pre = Batches.zeros(v.rows(), nh);
    hiddenPre(v, pre);
    accumulateFromPre(v, pre, weights, scale, out, pre);
  }

  /**
   * out += scale * sum_i w_i dF/dtheta(v_i) given pre = v W^T + c; {@code scratch} [N, n_h] receives w_i
   * sigmoid(pre_ij) (it may be pre itself when pre is not needed afterwards).
   */
  void accumulateFromPre(INDArray v, INDArray pre, INDArray weights, double scale, INDArray out, INDArray scratch) {
    final int n = (int) v.rows();
    if (out.length() != numParams()) {
      throw new IllegalArgumentException("out must have length " + numParams() + ", got " + out.length());
    }
    final DoubleBuffer pb = Batches.buffer(pre);
    final DoubleBuffer sb = Batches.buffer(scratch);
    final DoubleBuffer vb = Batches.buffer(v);
    final DoubleBuffer wb = weights == null ? null : Batches.buffer(weights);
    final int k = Par.chunks(n);
    final double[][] partial = new double[k][nv + nh];
    Par.forRange(n, (ch, from, to) -> {
      double[] acc = partial[ch];
      for (int i = from; i < to; i++) {
        double wi = wb == null ? 1.0 : wb.get(i);
        for (int q = 0; q < nv; q++) {
          acc[q] += wi * vb.get(i * nv + q);
        }
        for (int j = 0; j < nh; j++) {
          double s = wi * Bin.sigmoid(pb.get(i * nh + j));
          sb.put(i * nh + j, s);
          acc[nv + j] += s;
        }
      }
    });
    double[] bc = new double[nv + nh];
    for (double[] part : partial) {
      for (int q = 0; q < bc.length; q++) {
        bc[q] += part[q];
      }
    }
    // dF/dW = -S^T V, straight into out's W block when out is contiguous
    if (Bin.contiguousVector(out)) {
      Nd4j.gemm(scratch, v, Bin.view(out, 0, nh, nv), true, false, -scale, 1.0);
    } else {
      INDArray gw = Batches.zeros(nh, nv);
      Nd4j.gemm(scratch, v, gw, true, false, -scale, 0.0);
      for (int j = 0; j < nh; j++) {
        for (int q = 0; q < nv; q++) {
          out.putScalar(j * nv + q, out.getDouble(j * nv + q) + gw.getDouble(j, q));
        }
      }
    }
    double[] acc = new double[nv + nh];
    for (int q = 0; q < nv + nh; q++) {
      acc[q] = -bc[q];
    }
    if (Bin.contiguousVector(out)) {
      DoubleBuffer ob = out.data().asNioDouble();
      int off = (int) out.offset() + nh * nv;
      for (int q = 0; q < acc.length; q++) {
        ob.put(off + q, ob.get(off + q) + scale * acc[q]);
      }
    } else {
      for (int q = 0; q < acc.length; q++) {
        out.putScalar(nh * nv + q, out.getDouble(nh * nv + q) + scale * acc[q]);
      }
    }
  }

  @Override
  public Flips flips() {
    final double[] p = Bin.values(params);
    final double[] pre = new double[nh];
    final int bOff = nh * nv;
    final int cOff = nh * nv + nv;
    return (x, off, site) -> {
      for (int j = 0; j < nh; j++) {
        double s = p[cOff + j];
        for (int q = 0; q < nv; q++) {
          s += p[j * nv + q] * x.get(off + q);
        }
        pre[j] = s;
      }
      return flipDelta(p, pre, x.get(off + site), site, bOff);
    };
  }

  /** F(v with site flipped) - F(v) from the row's hidden pre-activations. */
  private double flipDelta(double[] p, double[] pre, double xk, int site, int bOff) {
    double s = 1 - 2 * xk; // change of v_site
    double d = -p[bOff + site] * s;
    for (int j = 0; j < nh; j++) {
      double a = pre[j];
      d -= Bin.softplus(a + s * p[j * nv + site]) - Bin.softplus(a);
    }
    return d;
  }

  /** All single-flip free-energy changes with one gemm for the batch and O(n_h) work per flip. */
  @Override
  public INDArray flipDeltas(INDArray v) {
    INDArray vs = encoding().requireStates(v, nv, "v");
    final int n = (int) vs.rows();
    INDArray pre = Batches.zeros(n, nh);
    hiddenPre(vs, pre);
    INDArray out = Batches.zeros(n, nv);
    final double[] p = Bin.values(params);
    final DoubleBuffer pb = Batches.buffer(pre);
    final DoubleBuffer vb = Batches.buffer(vs);
    final DoubleBuffer ob = Batches.buffer(out);
    Par.forRange(n, (ch, from, to) -> {
      double[] row = new double[nh];
      for (int i = from; i < to; i++) {
        pb.get(i * nh, row);
        for (int k = 0; k < nv; k++) {
          ob.put(i * nv + k, flipDelta(p, row, vb.get(i * nv + k), k, nh * nv));
        }
      }
    });
    return out;
  }
}
