package io.ebm4j.nn;

import java.util.Arrays;
import io.ebm4j.random.SplitMix;

/**
 * Where each weight and bias of an {@link Mlp} sits in its flat parameter vector. With widths n_0 = d, n_1..n_L
 * (the hidden layers) the vector is, in this order:
 *
 * <pre>
 *   W_1 [n_0, n_1] row-major, b_1 [n_1], W_2 [n_1, n_2], b_2 [n_2], ..., W_L [n_{L-1}, n_L], b_L [n_L],
 *   w_out [n_L], b_out
 * </pre>
 *
 * so that h_l = sigma(h_{l-1} W_l + b_l) row by row (h_0 = x) and U(x) = w_out . h_L + b_out. W_l[j, k] is at
 * {@code weightOffset(l) + j * n_l + k}.
 */
final class MlpLayout {
  /** Widths n_0 = d, n_1, ..., n_L. */
  final int[] n;
  /** Number of hidden layers L. */
  final int layers;
  private final int[] wOff;
  private final int[] bOff;
  /** Offset of w_out. */
  final int outOff;
  /** Offset of b_out (the last parameter). */
  final int outBiasOff;
  /** Number of parameters P. */
  final int size;

  MlpLayout(int d, int[] hidden) {
    layers = hidden.length;
    n = new int[layers + 1];
    n[0] = d;
    System.arraycopy(hidden, 0, n, 1, layers);
    wOff = new int[layers + 1];
    bOff = new int[layers + 1];
    long p = 0;
    for (int l = 1; l <= layers; l++) {
      wOff[l] = (int) p;
      p += (long) n[l - 1] * n[l];
      bOff[l] = (int) p;
      p += n[l];
    }
    outOff = (int) p;
    p += n[layers];
    outBiasOff = (int) p;
    p += 1;
    if (p > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many parameters: " + p);
    }
    size = (int) p;
  }

  /** Offset of W_l (l in 1..L). */
  int weightOffset(int l) {
    return wOff[l];
  }

  /** Offset of b_l (l in 1..L). */
  int biasOffset(int l) {
    return bOff[l];
  }

  /** Names such as W1[0,3], b2[5], w_out[7], b_out. */
  String[] names() {
    String[] names = new String[size];
    for (int l = 1; l <= layers; l++) {
      for (int j = 0; j < n[l - 1]; j++) {
        for (int k = 0; k < n[l]; k++) {
          names[wOff[l] + j * n[l] + k] = "W" + l + "[" + j + "," + k + "]";
        }
      }
      for (int k = 0; k < n[l]; k++) {
        names[bOff[l] + k] = "b" + l + "[" + k + "]";
      }
    }
    for (int k = 0; k < n[layers]; k++) {
      names[outOff + k] = "w_out[" + k + "]";
    }
    names[outBiasOff] = "b_out";
    return names;
  }

  /** The name of parameter q without building all names. */
  String name(int q) {
    if (q == outBiasOff) {
      return "b_out";
    }
    if (q >= outOff) {
      return "w_out[" + (q - outOff) + "]";
    }
    for (int l = layers; l >= 1; l--) {
      if (q >= bOff[l]) {
        return "b" + l + "[" + (q - bOff[l]) + "]";
      }
      if (q >= wOff[l]) {
        int r = q - wOff[l];
        return "W" + l + "[" + (r / n[l]) + "," + (r % n[l]) + "]";
      }
    }
    return "param " + q;
  }

  /**
   * Initial parameters from the seed: weights uniform on [-a, a] with a = sqrt(6 / fan_in) (He, for SiLU, ELU,
   * LeakyReLU) or a = sqrt(6 / (fan_in + fan_out)) (Glorot, for tanh and softplus); biases zero.
   */
  double[] init(long seed, boolean he) {
    SplitMix r = new SplitMix(seed);
    double[] p = new double[size];
    for (int l = 1; l <= layers + 1; l++) {
      int fanIn = n[l - 1];
      int fanOut = l <= layers ? n[l] : 1;
      double a = Math.sqrt(6.0 / (he && l <= layers ? fanIn : fanIn + fanOut));
      int off = l <= layers ? wOff[l] : outOff;
      for (int q = 0; q < fanIn * fanOut; q++) {
        p[off + q] = a * (2 * r.nextDouble() - 1);
      }
    }
    return p;
  }

  @Override
  public String toString() {
    return Arrays.toString(n);
  }
}
