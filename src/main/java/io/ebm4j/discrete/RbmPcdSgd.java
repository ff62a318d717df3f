package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Sigmoid;
import io.ebm4j.nd.WarmUp;
import io.ebm4j.random.SplitMix;
import java.nio.DoubleBuffer;

/**
 * Persistent contrastive divergence with block Gibbs, whole SGD updates in single-precision fused loops: the work of
 * an update at minibatch 20 and 100 hidden units is a few hundred thousand additions and five thousand sigmoids,
 * which ND4J calls or double-precision copies of the parameters would cost more than. Per update, with data rows v_i
 * (i &lt; B) and walkers x_i (i &lt; N) whose hidden probabilities s_i = sigma(c + W x_i) were computed at the previous
 * parameters:
 * <pre>
 *   W += (lr / B) sum_i sigma(c + W v_i) v_i^T - (lr / N) sum_i s_i x_i^T     (and b, c alike)
 *   h_i ~ Bernoulli(s_i);  x_i ~ Bernoulli(sigma(b + W^T h_i));  s_i = sigma(c + W x_i)   at the new parameters
 * </pre>
 * (the ordering of Tieleman's and scikit-learn's implementations; further sweeps are full sweeps). As states are
 * binary, every product with W is a sum of rows ({@link RowSums}): p(h | v) adds the rows of W^T picked by the visible
 * units that are on, p(v | h) the rows of W (kept alongside, re-transposed after each update) picked by the hidden
 * units, and the update adds to row k of W^T the probabilities of the rows in which unit k is on. Sigmoids are
 * {@link Sigmoid}'s. Rows are padded to multiples of 16 floats; the padding units never enter a result. One thread, one random
 * stream (two 24-bit uniforms per 64-bit draw): same seed, same numbers.
 */
final class RbmPcdSgd implements RbmSgd {
  private static final float UNIT = 0x1p-24f;
  private final Rbm rbm;
  private final int nv;
  private final int nh;
  /** Hidden and visible row lengths padded to multiples of 16. */
  private final int hp;
  private final int vp;
  private final int n;
  private final int sweeps;
  private final SplitMix r;
  /** W [n_h, vp] and W^T [n_v, hp] row-major (padding columns never read into results). */
  private final float[] w;
  private final float[] wt;
  private final float[] b;
  private final float[] c;
  private final float[] s;
  private final float[] pre;
  private final int[] xOn;
  private final int[] xCount;
  private final int[] hOn;
  private final int[] hCount;
  /** For each visible unit k, the walkers (xCol) and minibatch rows (vCol) in which it is on. */
  private final int[] xCol;
  private final int[] xColCount;
  private final int[] vColCount;
  private int[] all;
  private float[] sd = new float[0];
  private int[] vOn = new int[0];
  private int[] vCount = new int[0];
  private int[] vCol = new int[0];

  /**
   * Starts from the model's parameters and walkers x0 (N rows of n_v 0/1 values); {@code r} draws every Bernoulli
   * sample.
   */
  RbmPcdSgd(Rbm rbm, double[] x0, int walkers, int sweeps, SplitMix r) {
    this(rbm, rbm.visible(), rbm.hidden(), Batches.toArray(rbm.params()), x0, walkers, sweeps, r);
  }

  /** From parameters p in the RBM's layout (W row-major, b, c); {@code rbm} (null for none) receives {@link #store}. */
  private RbmPcdSgd(Rbm rbm, int nv, int nh, double[] p, double[] x0, int walkers, int sweeps, SplitMix r) {
    this.rbm = rbm;
    this.nv = nv;
    this.nh = nh;
    this.hp = (nh + 63) / 64 * 64;
    this.vp = (nv + 63) / 64 * 64;
    this.n = walkers;
    this.sweeps = sweeps;
    this.r = r;
    this.w = new float[nh * vp];
    this.wt = new float[nv * hp];
    this.b = new float[vp];
    this.c = new float[hp];
    this.s = new float[n * hp];
    this.pre = new float[n * vp];
    this.xOn = new int[n * nv];
    this.xCount = new int[n];
    this.hOn = new int[n * nh];
    this.hCount = new int[n];
    this.xCol = new int[nv * n];
    this.xColCount = new int[nv];
    this.vColCount = new int[nv];
    this.all = new int[n];
    for (int j = 0; j < nh; j++) {
      for (int k = 0; k < nv; k++) {
        w[j * vp + k] = (float) p[j * nv + k];
      }
    }
    for (int k = 0; k < nv; k++) {
      b[k] = (float) p[nh * nv + k];
    }
    for (int j = 0; j < nh; j++) {
      c[j] = (float) p[nh * nv + nv + j];
    }
    transposeFromW();
    for (int i = 0; i < n; i++) {
      xCount[i] = active(x0, i * nv, nv, xOn, i * nv);
      all[i] = i;
    }
    columns();
    hidden(xOn, xCount, n, s);
  }

  @Override
  public void update(double[] rows, int m, double learningRate) {
    if (sd.length < m * hp) {
      sd = new float[m * hp];
      vOn = new int[m * nv];
      vCount = new int[m];
      vCol = new int[nv * m];
    }
    if (all.length < m) {
      all = new int[m];
      for (int i = 0; i < m; i++) {
        all[i] = i;
      }
    }
    java.util.Arrays.fill(vColCount, 0);
    for (int i = 0; i < m; i++) {
      int from = i * nv;
      int cnt = active(rows, from, nv, vOn, from);
      vCount[i] = cnt;
      for (int a = 0; a < cnt; a++) {
        int k = vOn[from + a];
        vCol[k * m + vColCount[k]++] = i;
      }
    }
    hidden(vOn, vCount, m, sd);
    float up = (float) (learningRate / m);
    float down = (float) (-learningRate / n);
    for (int k = 0; k < nv; k++) {
      int wo = k * hp;
      RowSums.addScaledPair(wt, wo, sd, vCol, k * m, vColCount[k], up, s, xCol, k * n, xColCount[k], down, hp);
      b[k] += up * vColCount[k];
      b[k] += down * xColCount[k];
    }
    RowSums.addScaledPair(c, 0, sd, all, 0, m, up, s, all, 0, n, down, hp);
    transpose();
    // the walkers: h from the hidden probabilities at the previous parameters, then a half sweep at the new ones
    for (int t = 0; t < sweeps; t++) {
      sampleHidden();
      sampleVisible();
      hidden(xOn, xCount, n, s);
    }
  }

  /** out [rows, hp] = sigma(c + sum_{k on} W^T_k) for each row's active visible units. */
  private void hidden(int[] on, int[] count, int rows, float[] out) {
    for (int i = 0; i < rows; i++) {
      RowSums.sum(c, 0, wt, on, i * nv, count[i], out, i * hp, hp);
    }
    Sigmoid.apply(out, 0, rows * hp);
  }

  /** h_i ~ Bernoulli(s_i): the active hidden units of each walker into hOn, their number into hCount. */
  private void sampleHidden() {
    for (int i = 0; i < n; i++) {
      hCount[i] = draw(s, i * hp, nh, hOn, i * nh);
    }
  }

  /** x_i ~ Bernoulli(sigma(b + sum_{j on} W_j)); the walkers' active-unit lists by row and by column. */
  private void sampleVisible() {
    for (int i = 0; i < n; i++) {
      RowSums.sum(b, 0, w, hOn, i * nh, hCount[i], pre, i * vp, vp);
    }
    Sigmoid.apply(pre, 0, n * vp);
    for (int i = 0; i < n; i++) {
      xCount[i] = draw(pre, i * vp, nv, xOn, i * nv);
    }
    columns();
  }

  /**
   * Units u &lt; len on with probabilities p[po + u], drawn with two 24-bit uniforms per 64-bit draw; writes the
   * indices of those on to on[oo, ...) and returns their number (branch-free).
   */
  private int draw(float[] p, int po, int len, int[] on, int oo) {
    int cnt = 0;
    for (int u = 0; u < len; u += 2) {
      long bits = r.nextLong();
      on[oo + cnt] = u;
      cnt += below((bits >>> 40) * UNIT, p[po + u]);
      if (u + 1 < len) {
        on[oo + cnt] = u + 1;
        cnt += below((int) (bits >>> 16 & 0xFFFFFF) * UNIT, p[po + u + 1]);
      }
    }
    return cnt;
  }

  /** The walkers in which each visible unit is on, from the row lists. */
  private void columns() {
    java.util.Arrays.fill(xColCount, 0);
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < xCount[i]; a++) {
        int k = xOn[i * nv + a];
        xCol[k * n + xColCount[k]++] = i;
      }
    }
  }

  /** W [n_h, n_v] from W^T [n_v, hp], in 16 x 16 tiles. */
  private void transpose() {
    for (int k0 = 0; k0 < nv; k0 += 16) {
      int k1 = Math.min(nv, k0 + 16);
      for (int j0 = 0; j0 < nh; j0 += 16) {
        int j1 = Math.min(nh, j0 + 16);
        for (int k = k0; k < k1; k++) {
          int to = k * hp;
          for (int j = j0; j < j1; j++) {
            w[j * vp + k] = wt[to + j];
          }
        }
      }
    }
  }

  /** W^T from W, once at the start: afterwards W^T is the master copy and W follows it. */
  private void transposeFromW() {
    for (int j = 0; j < nh; j++) {
      for (int k = 0; k < nv; k++) {
        wt[k * hp + j] = w[j * vp + k];
      }
    }
  }

  private static int active(double[] v, int from, int len, int[] on, int to) {
    int cnt = 0;
    for (int k = 0; k < len; k++) {
      on[to + cnt] = k;
      cnt += (int) v[from + k];
    }
    return cnt;
  }

  /** 1 when u &lt; p else 0, from the sign bit of u - p (branch-free; u - p is 0 only when u == p). */
  private static int below(float u, float p) {
    return Float.floatToRawIntBits(u - p) >>> 31;
  }

  /**
   * Trains a throwaway 64 x 100 RBM on random rows, 20 walkers, until {@link RowSums} and {@link Sigmoid} take their
   * vector loops and then 2000 updates more (at most 20,000 in all; 3000 without the Vector API), so that the JIT has
   * compiled this class's loops on both paths: the work {@link RbmTraining#prepare} runs in the background.
   */
  static void warmUp() {
    int nv = 64;
    int nh = 100;
    int n = 20;
    SplitMix r = new SplitMix(0x5eed);
    double[] x0 = new double[n * nv];
    for (int q = 0; q < x0.length; q++) {
      x0[q] = r.nextDouble() < 0.4 ? 1 : 0;
    }
    RbmPcdSgd sgd = new RbmPcdSgd(null, nv, nh, new double[nh * nv + nv + nh], x0, n, 1, r);
    // without the Vector API there is nothing to wait for: enough updates for the JIT to compile the scalar loops
    int limit = WarmUp.vectorApi() ? 20_000 : 3000;
    int after = 0;
    for (int t = 0; t < limit && after < 2000; t++) {
      sgd.update(x0, n, 1e-3);
      if (RowSums.vectorised() && Sigmoid.vectorised()) {
        after++;
      }
    }
  }

  /** The walkers' visible states [N * n_v] (for tests). */
  float[] walkers() {
    float[] x = new float[n * nv];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < xCount[i]; a++) {
        x[i * nv + xOn[i * nv + a]] = 1f;
      }
    }
    return x;
  }

  @Override
  public void store() {
    if (rbm == null) {
      throw new IllegalStateException("this loop trains no model");
    }
    DoubleBuffer p = Batches.buffer(rbm.params());
    for (int j = 0; j < nh; j++) {
      for (int k = 0; k < nv; k++) {
        p.put(j * nv + k, w[j * vp + k]);
      }
    }
    for (int k = 0; k < nv; k++) {
      p.put(nh * nv + k, b[k]);
    }
    for (int j = 0; j < nh; j++) {
      p.put(nh * nv + nv + j, c[j]);
    }
  }

  @Override
  public String firstNonFinite() {
    for (int j = 0; j < nh; j++) {
      for (int k = 0; k < nv; k++) {
        if (!Float.isFinite(wt[k * hp + j])) {
          return "W" + j + "_" + k + " = " + wt[k * hp + j];
        }
      }
    }
    for (int k = 0; k < nv; k++) {
      if (!Float.isFinite(b[k])) {
        return "b" + k + " = " + b[k];
      }
    }
    for (int j = 0; j < nh; j++) {
      if (!Float.isFinite(c[j])) {
        return "c" + j + " = " + c[j];
      }
    }
    return null;
  }
}
