package io.ebm4j.nn;

import io.ebm4j.nd.Par;
import io.ebm4j.nd.Silu;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The differentiable core of {@link Mlp}: a forward pass that carries, next to the primal values, first and second
 * directional derivatives along a tangent v (Taylor mode), and two reverse passes over it. Every matrix product is
 * one BLAS gemm over all channels of a layer; every elementwise step is one fused, row-parallel Java loop.
 *
 * <p>Forward, per layer, with s_k = sigma^(k)(z) at the primal pre-activation z:
 *
 * <pre>
 *   z = h W + b,   z' = h' W,   z'' = h'' W
 *   h = sigma(z),  h' = s1 z',  h'' = s2 z'^2 + s1 z''
 *   U = w_out . h_L + b_out,  U' = w_out . h'_L = v . grad U,  U'' = w_out . h''_L = v^T Hess U v
 * </pre>
 *
 * Reverse ({@link #backwardPlain}): the usual back-propagation of a cotangent on U, giving grad_x U and/or dU/dtheta.
 * Reverse ({@link #backwardTaylor}): d/dtheta of J = sum_i a U''_i + b U'_i^2 / 2 + c U'_i, through the three
 * channels, with per layer (bars are cotangents)
 *
 * <pre>
 *   zbar'' = hbar'' s1
 *   zbar'  = hbar' s1 + 2 hbar'' s2 z'
 *   zbar   = hbar s1 + hbar' s2 z' + hbar'' (s3 z'^2 + s2 z'')
 *   Wbar  += [h; h'; h'']^T [zbar; zbar'; zbar''],   bbar += sum_rows zbar,   [hbar; hbar'; hbar''] = [...] W^T
 * </pre>
 */
final class MlpPasses {
  private final MlpLayout layout;
  private final Activation act;
  private final ParamViews p;

  /** Single-precision SiLU network: the forward activation runs {@link Silu}'s float (vector) loop. */
  private final boolean floatSilu;

  MlpPasses(MlpLayout layout, Activation act, ParamViews params) {
    this.layout = layout;
    this.act = act;
    this.p = params;
    this.floatSilu = act == Activation.SILU && params.v.isFloat();
  }

  /**
   * Forward over channels [c0, c1) of ws (inputs already in ws.xs). Channel 0, when included, computes sigma's
   * derivatives up to {@code order} and the energies; channels 1 and 2 use the derivatives computed before and give
   * ws.udot and ws.uddot.
   */
  void forward(MlpWorkspace ws, int c0, int c1, int order) {
    final int nRows = ws.n;
    if (c0 == 0) {
      ws.ensureOrder(order);
    }
    for (int l = 1; l <= layout.layers; l++) {
      final int nl = layout.n[l];
      if (l == 1 && layout.n[0] <= SMALL_D) {
        inputLayer(ws, c0, c1);
      } else {
        INDArray in = l == 1 ? ws.xs.channels(c0, c1) : ws.a[l - 1].channels(c0, c1);
        Nd4j.gemm(in, p.w[l], ws.z[l].channels(c0, c1), false, false, 1.0, 0.0);
      }
      final Vec zv = ws.z[l].v;
      final Vec av = ws.a[l].v;
      final double[] s1 = ws.s1[l];
      final double[] s2 = order >= 2 ? ws.s2[l] : null;
      final double[] s3 = order >= 3 ? ws.s3[l] : null;
      final double[] s2t = ws.s2[l];
      final float[] s1f = ws.s1f[l];
      final float[] s2f = order >= 2 ? ws.s2f[l] : null;
      final double[] bias = snapshot(layout.biasOffset(l), nl);
      final boolean first = c0 == 0;
      final boolean fast = first && floatSilu;
      final boolean wide = !floatSilu || order >= 2 || c1 > 1;
      final float[] biasF = fast ? floatSnapshot(layout.biasOffset(l), nl) : null;
      final int ch1 = nRows * nl;
      final int ch2 = 2 * nRows * nl;
      final boolean tan1 = c0 <= 1 && c1 > 1;
      final boolean tan2 = c1 > 2;
      if (first) {
        ws.s1Current = wide;
      } else if (!ws.s1Current) {
        throw new IllegalStateException("tangent channels need a forward pass of order 2 or more first");
      }
      Par.forRange(nRows, (chunk, from, to) -> {
        float[][] f = fast ? ws.floatRows(chunk) : null;
        for (int i = from; i < to; i++) {
          int off = i * nl;
          if (fast) {
            FloatRows.siluRow(zv, biasF, av, off, nl, s1f, s2f, wide ? s1 : null, s2, s3, f);
          } else if (first) {
            act.apply(zv, bias, av, off, nl, s1, s2, s3);
            if (s1f != null) {
              for (int k = off; k < off + nl; k++) {
                s1f[k] = (float) s1[k];
              }
              if (s2f != null) {
                for (int k = off; k < off + nl; k++) {
                  s2f[k] = (float) s2[k];
                }
              }
            }
          }
          if (tan1 && s1f != null) {
            float[] t = ws.floatRows(chunk)[0];
            zv.read(ch1 + off, t, nl);
            for (int k = 0; k < nl; k++) {
              t[k] *= s1f[off + k];
            }
            av.write(ch1 + off, t, nl);
          } else if (tan1) {
            for (int k = off; k < off + nl; k++) {
              av.put(ch1 + k, s1[k] * zv.get(ch1 + k));
            }
          }
          if (tan2) {
            for (int k = off; k < off + nl; k++) {
              double zd = zv.get(ch1 + k);
              av.put(ch2 + k, s2t[k] * zd * zd + s1[k] * zv.get(ch2 + k));
            }
          }
        }
      });
    }
    top(ws, c0, c1);
  }

  /** Parameters [off, off + len) as floats. */
  private float[] floatSnapshot(int off, int len) {
    float[] out = new float[len];
    for (int k = 0; k < len; k++) {
      out[k] = (float) p.v.get(off + k);
    }
    return out;
  }

  /** Inputs of at most this many dimensions skip BLAS in the first layer (a gemm with K = d is mostly overhead). */
  static final int SMALL_D = 8;

  /** Parameters [off, off + len) as doubles. */
  private double[] snapshot(int off, int len) {
    double[] out = new double[len];
    for (int k = 0; k < len; k++) {
      out[k] = p.v.get(off + k);
    }
    return out;
  }

  /** z = x W_1 for channels [c0, c1) in a Java loop (small d). */
  private void inputLayer(MlpWorkspace ws, int c0, int c1) {
    final int d = layout.n[0];
    final int nl = layout.n[1];
    final double[] w = snapshot(layout.weightOffset(1), d * nl);
    final Vec xv = ws.xs.v;
    final Vec zv = ws.z[1].v;
    final int rows = (c1 - c0) * ws.n;
    final int r0 = c0 * ws.n;
    if (zv.isFloat()) {
      final float[] wf = floatSnapshot(layout.weightOffset(1), d * nl);
      final float[][] rowsF = new float[Par.chunks(rows)][nl];
      final float[][] xsF = new float[Par.chunks(rows)][d];
      Par.forRange(rows, (chunk, from, to) -> {
        float[] t = rowsF[chunk];
        float[] x = xsF[chunk];
        for (int i = r0 + from; i < r0 + to; i++) {
          xv.read(i * d, x, d);
          float x0 = x[0];
          for (int k = 0; k < nl; k++) {
            t[k] = x0 * wf[k];
          }
          for (int j = 1; j < d; j++) {
            float xj = x[j];
            int wo = j * nl;
            for (int k = 0; k < nl; k++) {
              t[k] += xj * wf[wo + k];
            }
          }
          zv.write(i * nl, t, nl);
        }
      });
      return;
    }
    final double[][] accs = new double[Par.chunks(rows)][nl];
    Par.forRange(rows, (chunk, from, to) -> {
      double[] t = accs[chunk];
      for (int i = r0 + from; i < r0 + to; i++) {
        java.util.Arrays.fill(t, 0.0);
        for (int j = 0; j < d; j++) {
          double xj = xv.get(i * d + j);
          if (xj != 0) {
            int wo = j * nl;
            for (int k = 0; k < nl; k++) {
              t[k] += xj * w[wo + k];
            }
          }
        }
        int off = i * nl;
        for (int k = 0; k < nl; k++) {
          zv.put(off + k, t[k]);
        }
      }
    });
  }

  /** grad_x = zbar_1 W_1^T in a Java loop (small d). */
  private void inputGradient(MlpWorkspace ws) {
    final int d = layout.n[0];
    final int nl = layout.n[1];
    final double[] w = snapshot(layout.weightOffset(1), d * nl);
    final Vec zv = ws.z[1].v;
    final Vec gv = ws.gxv;
    Par.forRange(ws.n, (chunk, from, to) -> {
      for (int i = from; i < to; i++) {
        int off = i * nl;
        for (int j = 0; j < d; j++) {
          int wo = j * nl;
          double s = 0;
          for (int k = 0; k < nl; k++) {
            s += zv.get(off + k) * w[wo + k];
          }
          gv.put(i * d + j, s);
        }
      }
    });
  }

  /** U, U', U'' from the last layer's channels. */
  private void top(MlpWorkspace ws, int c0, int c1) {
    final int nRows = ws.n;
    if (ws.s1f[layout.layers] != null) {
      final int nl = layout.n[layout.layers];
      final Vec av = ws.a[layout.layers].v;
      final float[] wOut = floatSnapshot(layout.outOff, nl);
      final double bo = p.v.get(layout.outBiasOff);
      Par.forRange(nRows, (chunk, from, to) -> {
        float[] t = ws.floatRows(chunk)[0];
        for (int c = c0; c < c1; c++) {
          double[] dst = c == 0 ? ws.energy : c == 1 ? ws.udot : ws.uddot;
          double shift = c == 0 ? bo : 0;
          for (int i = from; i < to; i++) {
            av.read((c * nRows + i) * nl, t, nl);
            dst[i] = FloatRows.dot(t, wOut, nl) + shift;
          }
        }
      });
      return;
    }
    final int nl = layout.n[layout.layers];
    final Vec av = ws.a[layout.layers].v;
    final double[] wOut = snapshot(layout.outOff, nl);
    final double bo = p.v.get(layout.outBiasOff);
    Par.forRange(nRows, (chunk, from, to) -> {
      for (int i = from; i < to; i++) {
        for (int c = c0; c < c1; c++) {
          int off = (c * nRows + i) * nl;
          double s = 0;
          for (int k = 0; k < nl; k++) {
            s += av.get(off + k) * wOut[k];
          }
          if (c == 0) {
            ws.energy[i] = s + bo;
          } else if (c == 1) {
            ws.udot[i] = s;
          } else {
            ws.uddot[i] = s;
          }
        }
      }
    });
  }

  /**
   * Back-propagation of the cotangent ubar_i = seed_i (null: 1) on U(x_i), channel 0 only, after a forward pass.
   * Writes grad_x (for that cotangent) into ws.gx when {@code wantGx}; when {@code target} is not null adds
   * alpha * sum_i seed_i extra_i dU/dtheta(x_i) into it (extra null: 1). The pre-activation channel 0 of every layer
   * is overwritten by its cotangent.
   */
  void backwardPlain(MlpWorkspace ws, double[] seed, double[] extra, double alpha, boolean wantGx,
      ParamViews target) {
    final int nRows = ws.n;
    final int layers = layout.layers;
    // top layer: zbar_L = ubar_i w_out (.) s1
    {
      final int nl = layout.n[layers];
      final Vec zv = ws.z[layers].v;
      final double[] s1 = ws.s1[layers];
      final double[] wOut = snapshot(layout.outOff, nl);
      final float[] s1f = ws.s1f[layers];
      final float[] wOutF = s1f == null ? null : floatSnapshot(layout.outOff, nl);
      Par.forRange(nRows, (chunk, from, to) -> {
        float[] t = s1f == null ? null : ws.floatRows(chunk)[0];
        for (int i = from; i < to; i++) {
          double ub = seed == null ? 1.0 : seed[i];
          int off = i * nl;
          if (s1f != null) {
            float ubf = (float) ub;
            for (int k = 0; k < nl; k++) {
              t[k] = ubf * wOutF[k] * s1f[off + k];
            }
            zv.write(off, t, nl);
          } else {
            for (int k = 0; k < nl; k++) {
              zv.put(off + k, ub * wOut[k] * s1[off + k]);
            }
          }
        }
      });
    }
    for (int l = layers; l >= 1; l--) {
      INDArray zbar = ws.z[l].channels(0, 1);
      if (l > 1) {
        Nd4j.gemm(zbar, p.w[l], ws.ga[l - 1].channels(0, 1), false, true, 1.0, 0.0);
      } else if (wantGx) {
        if (layout.n[0] <= SMALL_D && ws.s1f[1] == null) {
          inputGradient(ws);
        } else {
          Nd4j.gemm(zbar, p.w[1], ws.gx, false, true, 1.0, 0.0);
        }
      }
      if (target != null) {
        if (extra != null) {
          scaleRows(ws, ws.z[l].v, layout.n[l], nRows, extra);
        }
        INDArray in = l == 1 ? ws.xs.channels(0, 1) : ws.a[l - 1].channels(0, 1);
        Nd4j.gemm(in, zbar, target.w[l], true, false, alpha, 1.0);
        if (ws.s1f[l] != null) {
          FloatRows.addColumnSums(ws, ws.z[l].v, 0, nRows, layout.n[l], null, alpha, target.v, layout.biasOffset(l));
        } else {
          Nd4j.gemm(ws.ones, zbar, target.b[l], false, false, alpha, 1.0);
        }
      }
      if (l > 1) {
        final int nl = layout.n[l - 1];
        final Vec gv = ws.ga[l - 1].v;
        final Vec zv = ws.z[l - 1].v;
        final double[] s1 = ws.s1[l - 1];
        final float[] s1f = ws.s1f[l - 1];
        Par.forRange(nRows, (chunk, from, to) -> {
          if (s1f != null) {
            float[] t = ws.floatRows(chunk)[0];
            for (int i = from; i < to; i++) {
              int off = i * nl;
              gv.read(off, t, nl);
              for (int k = 0; k < nl; k++) {
                t[k] *= s1f[off + k];
              }
              zv.write(off, t, nl);
            }
            return;
          }
          for (int q = from * nl; q < to * nl; q++) {
            zv.put(q, gv.get(q) * s1[q]);
          }
        });
      }
    }
    if (target != null) {
      Vec rv = ws.r.v;
      double sum = 0;
      for (int i = 0; i < nRows; i++) {
        double ri = (seed == null ? 1.0 : seed[i]) * (extra == null ? 1.0 : extra[i]);
        rv.put(i, ri);
        sum += ri;
      }
      if (ws.s1f[layers] != null) {
        double[] r = ws.rowC;
        for (int i = 0; i < nRows; i++) {
          r[i] = rv.get(i);
        }
        FloatRows.addColumnSums(ws, ws.a[layers].v, 0, nRows, layout.n[layers], r, alpha, target.v, layout.outOff);
      } else {
        Nd4j.gemm(ws.r.channels(0, 1), ws.a[layers].channels(0, 1), target.out, false, false, alpha, 1.0);
      }
      int c = layout.outBiasOff;
      target.v.put(c, target.v.get(c) + alpha * sum);
    }
  }

  private static void scaleRows(MlpWorkspace ws, Vec m, int cols, int nRows, double[] f) {
    Par.forRange(nRows, (chunk, from, to) -> {
      if (m.isFloat()) {
        float[] t = ws.floatRows(chunk)[0];
        for (int i = from; i < to; i++) {
          float fi = (float) f[i];
          m.read(i * cols, t, cols);
          for (int k = 0; k < cols; k++) {
            t[k] *= fi;
          }
          m.write(i * cols, t, cols);
        }
        return;
      }
      for (int i = from; i < to; i++) {
        double fi = f[i];
        for (int q = i * cols; q < (i + 1) * cols; q++) {
          m.put(q, m.get(q) * fi);
        }
      }
    });
  }

  /**
   * Adds to target d/dtheta of J = sum_i scale (a U''_i + b U'_i^2 / 2 + c U'_i), after a forward pass over
   * channels [0, k) (k = 2 needs a = 0). The tangent is held fixed. Overwrites the pre-activation stacks.
   */
  void backwardTaylor(MlpWorkspace ws, int k, double a, double b, double c, double scale, ParamViews target) {
    if (k == 2 && a != 0) {
      throw new IllegalStateException("a second-order term needs 3 channels");
    }
    final int nRows = ws.n;
    final int layers = layout.layers;
    final double[] udBar = ws.rowA;
    final double uddBar = scale * a;
    Vec rv = ws.r.v;
    for (int i = 0; i < nRows; i++) {
      udBar[i] = scale * (b * ws.udot[i] + c);
      rv.put(i, 0.0);
      rv.put(nRows + i, udBar[i]);
      if (k == 3) {
        rv.put(2 * nRows + i, uddBar);
      }
    }
    final boolean f32 = k == 2 && ws.s2f[layers] != null;
    if (f32) {
      FloatRows.addColumnSums(ws, ws.a[layers].v, nRows, nRows, layout.n[layers], udBar, 1.0, target.v, layout.outOff);
    } else {
      Nd4j.gemm(ws.r.channels(0, k), ws.a[layers].channels(0, k), target.out, false, false, 1.0, 1.0);
    }
    for (int l = layers; l >= 1; l--) {
      final int nl = layout.n[l];
      final Vec zv = ws.z[l].v;
      final Vec gv = l < layers ? ws.ga[l].v : null;
      final double[] s1 = ws.s1[l];
      final double[] s2 = ws.s2[l];
      final double[] s3 = k == 3 ? ws.s3[l] : null;
      final boolean top = l == layers; // only the top layer reads the output weights (n_L of them)
      final double[] wOut = top ? snapshot(layout.outOff, nl) : null;
      final int ch1 = nRows * nl;
      final int ch2 = 2 * nRows * nl;
      final float[] s1f = ws.s1f[l];
      final float[] s2f = ws.s2f[l];
      final float[] wOutF = f32 && top ? floatSnapshot(layout.outOff, nl) : null;
      Par.forRange(nRows, (chunk, from, to) -> {
        if (f32) {
          FloatRows.taylorRowsFloat(ws.floatRows(chunk), zv, gv, s1f, s2f, wOutF, udBar, nRows, nl, from, to);
          return;
        }
        for (int i = from; i < to; i++) {
          for (int q = i * nl; q < (i + 1) * nl; q++) {
            double hb;
            double hbd;
            double hbdd;
            if (gv == null) {
              double wk = wOut[q - i * nl];
              hb = 0;
              hbd = udBar[i] * wk;
              hbdd = uddBar * wk;
            } else {
              hb = gv.get(q);
              hbd = gv.get(ch1 + q);
              hbdd = k == 3 ? gv.get(ch2 + q) : 0;
            }
            double zd = zv.get(ch1 + q);
            double t1 = s1[q];
            double t2 = s2[q];
            if (k == 3) {
              double zdd = zv.get(ch2 + q);
              zv.put(q, hb * t1 + hbd * t2 * zd + hbdd * (s3[q] * zd * zd + t2 * zdd));
              zv.put(ch1 + q, hbd * t1 + 2 * hbdd * t2 * zd);
              zv.put(ch2 + q, hbdd * t1);
            } else {
              zv.put(q, hb * t1 + hbd * t2 * zd);
              zv.put(ch1 + q, hbd * t1);
            }
          }
        }
      });
      INDArray zbar = ws.z[l].channels(0, k);
      if (l > 1) {
        Nd4j.gemm(zbar, p.w[l], ws.ga[l - 1].channels(0, k), false, true, 1.0, 0.0);
      }
      INDArray in = l == 1 ? ws.xs.channels(0, k) : ws.a[l - 1].channels(0, k);
      Nd4j.gemm(in, zbar, target.w[l], true, false, 1.0, 1.0);
      if (f32) {
        FloatRows.addColumnSums(ws, zv, 0, nRows, nl, null, 1.0, target.v, layout.biasOffset(l));
      } else {
        Nd4j.gemm(ws.ones, ws.z[l].channels(0, 1), target.b[l], false, false, 1.0, 1.0);
      }
    }
  }

}
