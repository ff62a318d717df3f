package io.ebm4j.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access for fused Java loops over ND4J memory of either precision: a direct {@link FloatBuffer} or
 * {@link DoubleBuffer} over the array's own data buffer (no copy), read and written as doubles. Index i is the i-th
 * element counted from the array's offset, so a contiguous row-major array reads as its flat row-major order.
 */
abstract class Vec {
  /** Element i (from the array's offset) as a double. */
  abstract double get(int i);

  /** Sets element i (from the array's offset), rounding to the array's precision. */
  abstract void put(int i, double v);

  /** Copies elements [i, i + n) into dst[0, n) (rounded to float for a DOUBLE array). */
  abstract void read(int i, float[] dst, int n);

  /** Sets elements [i, i + n) to src[0, n). */
  abstract void write(int i, float[] src, int n);

  /** Whether the elements are single precision (so {@link #read} and {@link #write} are exact bulk copies). */
  abstract boolean isFloat();

  /** A view over a contiguous row-major FLOAT or DOUBLE array (or a contiguous view into one). */
  /** Sets elements [0, n) to zero, in bulk writes. */
  void clear(int n) {
    float[] zeros = new float[Math.min(n, 1024)];
    for (int i = 0; i < n; i += zeros.length) {
      write(i, zeros, Math.min(zeros.length, n - i));
    }
  }

  static Vec of(INDArray a) {
    int base = (int) a.offset();
    if (a.dataType() == DataType.FLOAT) {
      return new F32(a.data().asNioFloat(), base);
    }
    if (a.dataType() == DataType.DOUBLE) {
      return new F64(a.data().asNioDouble(), base);
    }
    throw new IllegalArgumentException("array must be FLOAT or DOUBLE, got " + a.dataType());
  }

  /** Whether {@link #of} reads a as its flat row-major order: 'c' order, unit element stride, no gaps. */
  static boolean isContiguous(INDArray a) {
    if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
      return false;
    }
    if (a.rank() <= 1 || a.isVector()) {
      return a.length() == 1 || a.elementWiseStride() == 1;
    }
    return a.ordering() == 'c' && a.elementWiseStride() == 1;
  }

  private static final class F32 extends Vec {
    private final FloatBuffer b;
    private final int base;

    F32(FloatBuffer b, int base) {
      this.b = b;
      this.base = base;
    }

    @Override
    double get(int i) {
      return b.get(base + i);
    }

    @Override
    void put(int i, double v) {
      b.put(base + i, (float) v);
    }

    @Override
    void read(int i, float[] dst, int n) {
      b.get(base + i, dst, 0, n);
    }

    @Override
    void write(int i, float[] src, int n) {
      b.put(base + i, src, 0, n);
    }

    @Override
    boolean isFloat() {
      return true;
    }
  }

  private static final class F64 extends Vec {
    private final DoubleBuffer b;
    private final int base;

    F64(DoubleBuffer b, int base) {
      this.b = b;
      this.base = base;
    }

    @Override
    double get(int i) {
      return b.get(base + i);
    }

    @Override
    void put(int i, double v) {
      b.put(base + i, v);
    }

    @Override
    void read(int i, float[] dst, int n) {
      for (int k = 0; k < n; k++) {
        dst[k] = (float) b.get(base + i + k);
      }
    }

    @Override
    void write(int i, float[] src, int n) {
      for (int k = 0; k < n; k++) {
        b.put(base + i + k, src[k]);
      }
    }

    @Override
    boolean isFloat() {
      return false;
    }
  }
}
