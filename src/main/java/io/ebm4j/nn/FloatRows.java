package io.ebm4j.nn;

import io.ebm4j.nd.Par;
import io.ebm4j.nd.Silu;

/**
 * The single-precision row kernels of {@link MlpPasses} for FLOAT models: each row of ND4J memory is copied into a
 * float array, transformed there by a loop the JIT vectorises (or {@link Silu}'s Vector API loop), and copied back.
 * Reading and writing the direct buffers one element at a time, in double, had cost three quarters of a call.
 */
final class FloatRows {
  private FloatRows() {}

  /**
   * One row of the forward activation in single precision: {@link Silu} on z + b; sigma' into s1f, and widened into
   * s1, s2, s3 where those are not null.
   */
  static void siluRow(Vec zv, float[] bias, Vec av, int off, int nl, float[] s1f, float[] s2f, double[] s1,
      double[] s2, double[] s3, float[][] f) {
    float[] z = f[0];
    zv.read(off, z, nl);
    boolean second = s2 != null || s2f != null;
    Silu.apply(z, bias, nl, f[1], f[2], second ? f[3] : null, second && s3 != null ? f[4] : null);
    av.write(off, f[1], nl);
    System.arraycopy(f[2], 0, s1f, off, nl);
    if (s2f != null) {
      System.arraycopy(f[3], 0, s2f, off, nl);
    }
    if (s1 != null) {
      widen(f[2], s1, off, nl);
    }
    if (s2 != null) {
      widen(f[3], s2, off, nl);
      if (s3 != null) {
        widen(f[4], s3, off, nl);
      }
    }
  }

  static void widen(float[] src, double[] dst, int off, int n) {
    for (int k = 0; k < n; k++) {
      dst[off + k] = src[k];
    }
  }

  /** sum_k a[k] b[k] over [0, n) in eight interleaved float partial sums, added in double in a fixed order. */
  static double dot(float[] a, float[] b, int n) {
    float p0 = 0;
    float p1 = 0;
    float p2 = 0;
    float p3 = 0;
    float p4 = 0;
    float p5 = 0;
    float p6 = 0;
    float p7 = 0;
    int k = 0;
    for (; k + 8 <= n; k += 8) {
      p0 += a[k] * b[k];
      p1 += a[k + 1] * b[k + 1];
      p2 += a[k + 2] * b[k + 2];
      p3 += a[k + 3] * b[k + 3];
      p4 += a[k + 4] * b[k + 4];
      p5 += a[k + 5] * b[k + 5];
      p6 += a[k + 6] * b[k + 6];
      p7 += a[k + 7] * b[k + 7];
    }
    double s = ((double) p0 + p1) + ((double) p2 + p3) + (((double) p4 + p5) + ((double) p6 + p7));
    for (; k < n; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  /**
   * target[off + k] += alpha * sum_i r_i m[row0 + i, k] over N rows of a FLOAT matrix m (r null: 1). These are
   * the bias and output-weight gradients, which as gemms with one row (ones^T m, r^T m) run far below BLAS speed.
   * Each chunk of rows sums in float, as a gemm would, and the chunks' sums add in double in chunk order.
   */
  static void addColumnSums(MlpWorkspace ws, Vec m, int row0, int rows, int cols, double[] r, double alpha,
      Vec target, int off) {
    Par.forRange(rows, (chunk, from, to) -> {
      float[][] f = ws.floatRows(chunk);
      float[] t = f[4];
      float[] acc = f[5];
      java.util.Arrays.fill(acc, 0, cols, 0f);
      for (int i = from; i < to; i++) {
        m.read((row0 + i) * cols, t, cols);
        if (r == null) {
          for (int k = 0; k < cols; k++) {
            acc[k] += t[k];
          }
        } else {
          float ri = (float) r[i];
          for (int k = 0; k < cols; k++) {
            acc[k] += ri * t[k];
          }
        }
      }
    });
    int chunks = Par.chunks(rows);
    for (int k = 0; k < cols; k++) {
      double s = 0;
      for (int c = 0; c < chunks; c++) {
        s += ws.floatRows(c)[5][k];
      }
      target.put(off + k, target.get(off + k) + alpha * s);
    }
  }

  /**
   * The two-channel (k = 2) cotangent step of {@link #backwardTaylor} for rows [from, to) in single precision:
   * zbar = hbar s1 + hbar' s2 z', zbar' = hbar' s1, with hbar = 0 and hbar' = ubar'_i w_out on the top layer.
   */
  static void taylorRowsFloat(float[][] f, Vec zv, Vec gv, float[] s1, float[] s2, float[] wOut,
      double[] udBar, int nRows, int nl, int from, int to) {
    float[] hb = f[0];
    float[] hbd = f[1];
    float[] zd = f[2];
    float[] z0 = f[3];
    final int ch1 = nRows * nl;
    for (int i = from; i < to; i++) {
      int off = i * nl;
      zv.read(ch1 + off, zd, nl);
      if (gv == null) {
        float u = (float) udBar[i];
        for (int k = 0; k < nl; k++) {
          hbd[k] = u * wOut[k];
          z0[k] = hbd[k] * s2[off + k] * zd[k];
          zd[k] = hbd[k] * s1[off + k];
        }
      } else {
        gv.read(off, hb, nl);
        gv.read(ch1 + off, hbd, nl);
        for (int k = 0; k < nl; k++) {
          z0[k] = hb[k] * s1[off + k] + hbd[k] * s2[off + k] * zd[k];
          zd[k] = hbd[k] * s1[off + k];
        }
      }
      zv.write(off, z0, nl);
      zv.write(ch1 + off, zd, nl);
    }
  }
}
