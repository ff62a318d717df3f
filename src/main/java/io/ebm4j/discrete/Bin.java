package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Numerics shared by the binary models: stable softplus, sigmoid, views into flat vectors, accumulation. */
final class Bin {
  private Bin() {}

  /** log(1 + e^x), stable for all x. */
  static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /** 1 / (1 + e^{-x}), stable for all x. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /** Binary states have no gradient in x: evaluate must be called with g == null. */
  static void requireNoGradient(INDArray g, String model) {
    if (g != null) {
      throw new UnsupportedOperationException(model + " is defined on binary states, where grad_x U does not exist;"
          + " call evaluate with g = null (use io.ebm4j.discrete kernels, not gradient-based ones)");
    }
  }

  /** A [rows, cols] row-major view of a contiguous double vector, starting at element {@code from}. */
  static INDArray view(INDArray vector, long from, long rows, long cols) {
    return Nd4j.create(vector.data(), new long[] {rows, cols}, new long[] {cols, 1}, vector.offset() + from, 'c',
        DataType.DOUBLE);
  }

  /** Whether {@code a} is a double vector whose elements are contiguous (so {@link #view} applies). */
  static boolean contiguousVector(INDArray a) {
    return a.dataType() == DataType.DOUBLE && (a.length() <= 1 || a.rank() == 1 && a.stride(0) == 1
        || a.rank() == 2 && (a.rows() == 1 && a.stride(1) == 1 || a.columns() == 1 && a.stride(0) == 1));
  }

  /** out[k] += scale * acc[k] for a [P] vector out of any layout. */
  static void addInto(INDArray out, double[] acc, double scale) {
    if (out.length() != acc.length) {
      throw new IllegalArgumentException("out must have length " + acc.length + ", got " + out.length());
    }
    if (contiguousVector(out)) {
      DoubleBuffer b = out.data().asNioDouble();
      int off = (int) out.offset();
      for (int k = 0; k < acc.length; k++) {
        b.put(off + k, b.get(off + k) + scale * acc[k]);
      }
    } else {
      for (int k = 0; k < acc.length; k++) {
        out.putScalar(k, out.getDouble(k) + scale * acc[k]);
      }
    }
  }

  /** The parameter vector's values as a Java array (one copy). */
  static double[] values(INDArray params) {
    return Batches.toArray(params);
  }

  /** log sum_i e^{a_i} over a[0..n). */
  static double logSumExp(double[] a, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, a[i]);
    }
    if (m == Double.NEGATIVE_INFINITY) {
      return m;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.exp(a[i] - m);
    }
    return m + Math.log(s);
  }

  static void requirePositive(int v, String name) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + v);
    }
  }

  static void requireFinite(double v, String name) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite, got " + v);
    }
  }
}
