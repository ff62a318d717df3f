package io.ebm4j.conditional;

import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense network with vector output, o = h_L W_{L+1} + b_{L+1} with h_0 = x and h_l = sigma(h_{l-1} W_l + b_l), on
 * a block of a flat double parameter vector laid out as W_1 (row-major [n_0, n_1]), b_1, ..., W_{L+1}, b_{L+1} from
 * a base offset. One gemm per layer forward, two per layer backward (plus one for the bias sums); with no hidden
 * layer it is the affine map x W + b. Work arrays are kept per batch size, so the owner is not safe for concurrent
 * use.
 */
final class Dense {
  /** Widths n_0 (input), n_1..n_L (hidden), n_{L+1} (output). */
  final int[] n;
  final int layers;
  final Activation activation;
  /** Number of parameters. */
  final int size;
  private final int[] wOff;
  private final int[] bOff;
  private final Map<Integer, Work> works = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Work> eldest) {
      return size() > 4;
    }
  };

  Dense(int in, int[] hidden, int out, Activation activation) {
    this.layers = hidden.length;
    this.n = new int[layers + 2];
    n[0] = in;
    System.arraycopy(hidden, 0, n, 1, layers);
    n[layers + 1] = out;
    this.activation = activation;
    wOff = new int[layers + 2];
    bOff = new int[layers + 2];
    long p = 0;
    for (int l = 1; l <= layers + 1; l++) {
      wOff[l] = (int) p;
      p += (long) n[l - 1] * n[l];
      bOff[l] = (int) p;
      p += n[l];
    }
    if (p > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many parameters: " + p);
    }
    this.size = (int) p;
  }

  int outputs() {
    return n[layers + 1];
  }

  /** Weights uniform on [-a, a] with a = sqrt(6 / (fan_in + fan_out)) (Glorot), biases zero, from base. */
  void init(DoubleBuffer p, int base, Rng rng) {
    for (int l = 1; l <= layers + 1; l++) {
      double a = Math.sqrt(6.0 / (n[l - 1] + n[l]));
      for (int q = 0; q < n[l - 1] * n[l]; q++) {
        p.put(base + wOff[l] + q, a * (2 * rng.uniform() - 1));
      }
    }
  }

  /** Names such as prefix + "W1[0,3]" and prefix + "b2[5]" written at base. */
  void names(String prefix, String[] names, int base) {
    for (int l = 1; l <= layers + 1; l++) {
      for (int j = 0; j < n[l - 1]; j++) {
        for (int k = 0; k < n[l]; k++) {
          names[base + wOff[l] + j * n[l] + k] = prefix + "W" + l + "[" + j + "," + k + "]";
        }
      }
      for (int k = 0; k < n[l]; k++) {
        names[base + bOff[l] + k] = prefix + "b" + l + "[" + k + "]";
      }
    }
  }

  /** Matrix views W_l [n_{l-1}, n_l] and b_l [1, n_l] of a flat vector, this net's block starting at base. */
  Views views(INDArray vector, int base) {
    return new Views(vector, base);
  }

  final class Views {
    final INDArray[] w = new INDArray[layers + 2];
    final INDArray[] b = new INDArray[layers + 2];

    private Views(INDArray vector, int base) {
      long origin = vector.offset() + base;
      for (int l = 1; l <= layers + 1; l++) {
        w[l] = Nd4j.create(vector.data(), new long[] {n[l - 1], n[l]}, new long[] {n[l], 1}, origin + wOff[l], 'c',
            vector.dataType());
        b[l] = Nd4j.create(vector.data(), new long[] {1, n[l]}, new long[] {n[l], 1}, origin + bOff[l], 'c',
            vector.dataType());
      }
    }
  }

  /** The work arrays of a batch size (kept for the next call of that size). */
  Work work(int rows) {
    return works.computeIfAbsent(rows, Work::new);
  }

  /** Activations, slopes and cotangents of one batch size. */
  final class Work {
    final int rows;
    /** a[0] is the input of the last forward pass, a[l] = h_l, a[L+1] = o. */
    final INDArray[] a = new INDArray[layers + 2];
    final double[][] slope = new double[layers + 1][];
    final INDArray[] zbar = new INDArray[layers + 1];
    final INDArray ones;

    private Work(int rows) {
      this.rows = rows;
      for (int l = 1; l <= layers + 1; l++) {
        a[l] = Batches.zeros(rows, n[l]);
      }
      for (int l = 1; l <= layers; l++) {
        slope[l] = new double[rows * n[l]];
        zbar[l] = Batches.zeros(rows, n[l]);
      }
      ones = Batches.zeros(1, rows).assign(1.0);
    }

    /** The outputs of the last forward pass, [rows, n_out]. */
    INDArray out() {
      return a[layers + 1];
    }
  }

  /** o = net(x) for a dense batch x [rows, n_0] into w.out(), keeping what the backward pass needs. */
  void forward(Views p, INDArray x, Work w) {
    w.a[0] = x;
    for (int l = 1; l <= layers + 1; l++) {
      Nd4j.gemm(w.a[l - 1], p.w[l], w.a[l], false, false, 1.0, 0.0);
      w.a[l].addiRowVector(p.b[l]);
      if (l <= layers) {
        DoubleBuffer ab = Batches.buffer(w.a[l]);
        double[] sl = w.slope[l];
        for (int q = 0, len = w.rows * n[l]; q < len; q++) {
          double z = ab.get(q);
          ab.put(q, activation.value(z));
          sl[q] = activation.d1(z);
        }
      }
    }
  }

  /**
   * The reverse pass of the last forward pass held in w, for the cotangent obar [rows, n_out] of the outputs:
   * grad += scale * sum_i obar_i do_i/dtheta (when grad is not null) and xbar = obar do/dx (when not null).
   */
  void backward(Views p, Work w, INDArray obar, Views grad, double scale, INDArray xbar) {
    INDArray cot = obar;
    for (int l = layers + 1; l >= 1; l--) {
      if (grad != null) {
        Nd4j.gemm(w.a[l - 1], cot, grad.w[l], true, false, scale, 1.0);
        Nd4j.gemm(w.ones, cot, grad.b[l], false, false, scale, 1.0);
      }
      if (l > 1) {
        INDArray next = w.zbar[l - 1];
        Nd4j.gemm(cot, p.w[l], next, false, true, 1.0, 0.0);
        DoubleBuffer zb = Batches.buffer(next);
        double[] sl = w.slope[l - 1];
        for (int q = 0, len = w.rows * n[l - 1]; q < len; q++) {
          zb.put(q, zb.get(q) * sl[q]);
        }
        cot = next;
      } else if (xbar != null) {
        Nd4j.gemm(cot, p.w[1], xbar, false, true, 1.0, 0.0);
      }
    }
  }
}
