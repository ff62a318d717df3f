package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Points of [0, 1]^d quantised to {@code bits} bits per coordinate and written in the reflected binary (Gray) code,
 * the state space of the fully discrete example of Carbone, Hua, Coste, Vanden-Eijnden, "Efficient Training of
 * Energy-Based Models Using Jarzynski Equality", NeurIPS 2023, https://arxiv.org/abs/2305.19414. Coordinate c of a
 * state is the integer q in [0, 2^bits) whose Gray code g = q XOR (q >> 1) sits in columns c * bits ..
 * c * bits + bits - 1, most significant bit first; it decodes to the cell centre (q + 1/2) / 2^bits. Flipping Gray
 * bit k (counted from the least significant) reflects q inside its aligned block of 2^{k+1} integers, so single
 * flips move a point by every scale from 2^-bits to the whole interval.
 *
 * <pre>{@code
 * INDArray x = GrayCode.encode(points, 16);          // [N, 2] in [0, 1]^2 -> [N, 32] bits
 * INDArray y = GrayCode.decode(x, 2, 16);            // cell centres [N, 2]
 * }</pre>
 */
public final class GrayCode {
  private GrayCode() {}

  /** The Gray code of a non-negative integer. */
  public static int gray(int q) {
    return q ^ (q >>> 1);
  }

  /** The integer whose Gray code is g. */
  public static int fromGray(int g) {
    int q = g;
    for (int s = 1; s < 32; s <<= 1) {
      q ^= q >>> s;
    }
    return q;
  }

  /** States [N, d * bits] of points [N, d] in [0, 1]^d: q = floor(y 2^bits), clipped to [0, 2^bits - 1]. */
  public static INDArray encode(INDArray points, int bits) {
    requireBits(bits);
    if (points.rank() != 2) {
      throw new IllegalArgumentException("points must be a matrix [N, d], got rank " + points.rank());
    }
    int d = (int) points.columns();
    INDArray y = Batches.requireBatch(points, d, "points");
    int n = (int) y.rows();
    DoubleBuffer yb = Batches.buffer(y);
    INDArray x = Batches.zeros(n, d * bits);
    DoubleBuffer xb = Batches.buffer(x);
    int levels = 1 << bits;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        double v = yb.get(i * d + c);
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException("points must lie in [0, 1], got " + v + " at [" + i + ", " + c + "]");
        }
        int q = Math.min(levels - 1, (int) Math.floor(v * levels));
        int g = gray(q);
        for (int k = 0; k < bits; k++) {
          xb.put(i * d * bits + c * bits + k, (g >>> (bits - 1 - k)) & 1);
        }
      }
    }
    return x;
  }

  /** Cell centres [N, d] of validated 0/1 states [N, d * bits]. */
  public static INDArray decode(INDArray states, int d, int bits) {
    requireBits(bits);
    if (d < 1) {
      throw new IllegalArgumentException("d must be at least 1, got " + d);
    }
    INDArray x = Encoding.ZERO_ONE.requireStates(states, d * bits, "states");
    int n = (int) x.rows();
    DoubleBuffer xb = Batches.buffer(x);
    INDArray y = Batches.zeros(n, d);
    DoubleBuffer yb = Batches.buffer(y);
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        yb.put(i * d + c, coordinate(xb, i * d * bits + c * bits, bits, -1));
      }
    }
    return y;
  }

  /**
   * The cell centre of the coordinate whose Gray bits start at {@code off}, with bit {@code flip} (0 = most
   * significant, as stored) toggled, or none when flip is negative.
   */
  static double coordinate(DoubleBuffer x, int off, int bits, int flip) {
    int g = 0;
    for (int k = 0; k < bits; k++) {
      g = (g << 1) | (int) x.get(off + k);
    }
    if (flip >= 0) {
      g ^= 1 << (bits - 1 - flip);
    }
    return (fromGray(g) + 0.5) / (1 << bits);
  }

  static void requireBits(int bits) {
    if (bits < 1 || bits > 30) {
      throw new IllegalArgumentException("bits must be in [1, 30], got " + bits);
    }
  }
}
