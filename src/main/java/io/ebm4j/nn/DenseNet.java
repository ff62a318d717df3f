package io.ebm4j.nn;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.nd.VecMath;
import java.nio.DoubleBuffer;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense network with vector output (the conditioner of a coupling block, the generator of a generalized energy-based
 * model):
 *
 * <pre>
 *   h_0 = c,   h_l = sigma(h_{l-1} W_l + b_l)  (l = 1..L),   o = h_L W_{L+1} + b_{L+1},
 * </pre>
 *
 * evaluated on a whole batch c [N, n_0] with one gemm per layer and one fused bias-and-activation loop per hidden
 * layer. {@link #backward} is the reverse pass: given the cotangent obar [N, n_out] of the outputs it returns the
 * vector-Jacobian product cbar = obar (do/dc) row by row and accumulates obar (do/dtheta) summed over rows.
 *
 * <p>The parameters are a slice of a larger flat double vector (the flow's), laid out as W_1 (row-major
 * [n_0, n_1]), b_1, ..., W_{L+1}, b_{L+1}, starting at {@link #offset}. The same layout read on a gradient vector
 * gives the gradient views.
 *
 * <pre>{@code
 * DenseNet net = new DenseNet(2, new int[] {64, 64}, 3, Activation.TANH, 0);
 * INDArray theta = Batches.zeros(net.size);            // init with net.init(double[], SplitMix)
 * DenseNet.Views p = net.new Views(theta);
 * DenseNet.Work w = net.new Work(n);
 * net.forward(p, Batches.buffer(theta), c, w);         // outputs in w.out [n, 3]
 * net.backward(p, w, obar, cbar, gradViews);           // cbar = obar do/dc; gradViews += obar do/dtheta
 * }</pre>
 */
public final class DenseNet {
  /** Widths n_0 (input), n_1..n_L (hidden), n_{L+1} (output). */
  public final int[] n;
  /** Number of hidden layers L. */
  public final int layers;
  public final Activation activation;
  /** Offset of W_1 in the flat vector. */
  public final int offset;
  /** Number of parameters. */
  public final int size;
  private final int[] wOff;
  private final int[] bOff;

  public DenseNet(int in, int[] hidden, int out, Activation activation, int offset) {
    this.layers = hidden.length;
    this.n = new int[layers + 2];
    n[0] = in;
    System.arraycopy(hidden, 0, n, 1, layers);
    n[layers + 1] = out;
    this.activation = activation;
    this.offset = offset;
    wOff = new int[layers + 2];
    bOff = new int[layers + 2];
    long p = offset;
    for (int l = 1; l <= layers + 1; l++) {
      wOff[l] = (int) p;
      p += (long) n[l - 1] * n[l];
      bOff[l] = (int) p;
      p += n[l];
    }
    if (p > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many parameters: " + p);
    }
    this.size = (int) (p - offset);
  }

  public int inputs() {
    return n[0];
  }

  public int outputs() {
    return n[layers + 1];
  }

  /** Absolute offset of W_l in the flat vector (l in 1..L+1). */
  public int weightOffset(int l) {
    return wOff[l];
  }

  /** Absolute offset of b_l in the flat vector. */
  public int biasOffset(int l) {
    return bOff[l];
  }

  /**
   * Writes initial values into p: hidden weights uniform on [-a, a] (Glorot, a = sqrt(6 / (fan_in + fan_out))),
   * biases zero, and the output layer all zero so that the block starts as the identity map.
   */
  public void init(double[] p, SplitMix r) {
    for (int l = 1; l <= layers; l++) {
      double a = Math.sqrt(6.0 / (n[l - 1] + n[l]));
      for (int q = 0; q < n[l - 1] * n[l]; q++) {
        p[wOff[l] + q] = a * (2 * r.nextDouble() - 1);
      }
    }
  }

  /** Names such as prefix + "W1[0,3]", prefix + "b2[5]", written into names at this net's offsets. */
  public void names(String prefix, String[] names) {
    for (int l = 1; l <= layers + 1; l++) {
      for (int j = 0; j < n[l - 1]; j++) {
        for (int k = 0; k < n[l]; k++) {
          names[wOff[l] + j * n[l] + k] = prefix + "W" + l + "[" + j + "," + k + "]";
        }
      }
      for (int k = 0; k < n[l]; k++) {
        names[bOff[l] + k] = prefix + "b" + l + "[" + k + "]";
      }
    }
  }

  /** Matrix views W_l [n_{l-1}, n_l] and b_l [1, n_l] of a flat vector in this net's layout. */
  public final class Views {
    public final INDArray[] w = new INDArray[layers + 2];
    public final INDArray[] b = new INDArray[layers + 2];

    public Views(INDArray vector) {
      long base = vector.offset();
      for (int l = 1; l <= layers + 1; l++) {
        w[l] = Nd4j.create(vector.data(), new long[] {n[l - 1], n[l]}, new long[] {n[l], 1}, base + wOff[l], 'c',
            vector.dataType());
        b[l] = Nd4j.create(vector.data(), new long[] {1, n[l]}, new long[] {n[l], 1}, base + bOff[l], 'c',
            vector.dataType());
      }
    }
  }

  /** Work arrays of one batch size: activations, activation slopes, cotangents, outputs. */
  public final class Work {
    public final int rows;
    /** a[0] is the input of the last forward call; a[l] = h_l (l = 1..L). */
    final INDArray[] a = new INDArray[layers + 1];
    final DoubleBuffer[] ab = new DoubleBuffer[layers + 1];
    /** sigma'(z_l), row-major [N, n_l]. */
    final double[][] slope = new double[layers + 1][];
    /** Cotangents of z_l. */
    final INDArray[] zbar = new INDArray[layers + 1];
    final DoubleBuffer[] zbarb = new DoubleBuffer[layers + 1];
    /** Outputs o [N, n_out]. */
    public final INDArray out;
    public final DoubleBuffer outb;
    /** A [1, N] row of ones (bias gradients as a gemm). */
    final INDArray ones;

    public Work(int rows) {
      this.rows = rows;
      for (int l = 1; l <= layers; l++) {
        a[l] = Batches.zeros(rows, n[l]);
        ab[l] = Batches.buffer(a[l]);
        slope[l] = new double[rows * n[l]];
        zbar[l] = Batches.zeros(rows, n[l]);
        zbarb[l] = Batches.buffer(zbar[l]);
      }
      out = Batches.zeros(rows, outputs());
      outb = Batches.buffer(out);
      ones = Batches.zeros(1, rows).assign(1.0);
    }
  }

  /** o = net(c) for the batch c [N, n_0] (dense), with the caches the backward pass needs kept in w. */
  public void forward(Views p, DoubleBuffer params, INDArray c, Work w) {
    final int rows = w.rows;
    w.a[0] = c;
    for (int l = 1; l <= layers; l++) {
      Nd4j.gemm(w.a[l - 1], p.w[l], w.a[l], false, false, 1.0, 0.0);
      final int width = n[l];
      final int bo = bOff[l];
      final DoubleBuffer ab = w.ab[l];
      final double[] sl = w.slope[l];
      Par.forRange(rows, (ch, from, to) -> activate(activation, ab, sl, params, bo, width, from, to));
    }
    Nd4j.gemm(w.a[layers], p.w[layers + 1], w.out, false, false, 1.0, 0.0);
    final int width = outputs();
    final int bo = bOff[layers + 1];
    final DoubleBuffer ob = w.outb;
    Par.forRange(rows, (ch, from, to) -> {
      for (int i = from; i < to; i++) {
        for (int k = 0; k < width; k++) {
          int q = i * width + k;
          ob.put(q, ob.get(q) + params.get(bo + k));
        }
      }
    });
  }

  /**
   * The reverse pass of the last {@link #forward} held in w: with obar [N, n_out] the cotangent of the outputs,
   * writes cbar = obar do/dc into cbar [N, n_0] when not null, and adds sum_i obar_i do_i/dtheta into grad when not
   * null.
   */
  public void backward(Views p, Work w, INDArray obar, INDArray cbar, Views grad) {
    final int rows = w.rows;
    if (grad != null) {
      Nd4j.gemm(w.a[layers], obar, grad.w[layers + 1], true, false, 1.0, 1.0);
      Nd4j.gemm(w.ones, obar, grad.b[layers + 1], false, false, 1.0, 1.0);
    }
    Nd4j.gemm(obar, p.w[layers + 1], w.zbar[layers], false, true, 1.0, 0.0);
    scaleBySlope(w, layers, rows);
    for (int l = layers; l >= 1; l--) {
      if (grad != null) {
        Nd4j.gemm(w.a[l - 1], w.zbar[l], grad.w[l], true, false, 1.0, 1.0);
        Nd4j.gemm(w.ones, w.zbar[l], grad.b[l], false, false, 1.0, 1.0);
      }
      if (l > 1) {
        Nd4j.gemm(w.zbar[l], p.w[l], w.zbar[l - 1], false, true, 1.0, 0.0);
        scaleBySlope(w, l - 1, rows);
      } else if (cbar != null) {
        Nd4j.gemm(w.zbar[1], p.w[1], cbar, false, true, 1.0, 0.0);
      }
    }
  }

  private void scaleBySlope(Work w, int l, int rows) {
    final int width = n[l];
    final DoubleBuffer zb = w.zbarb[l];
    final double[] sl = w.slope[l];
    Par.forRange(rows, (ch, from, to) -> {
      for (int q = from * width; q < to * width; q++) {
        zb.put(q, zb.get(q) * sl[q]);
      }
    });
  }

  /**
   * tanh(z) = 1 - 2 / (e^{2z} + 1), through the intrinsic exponential (several times faster than Math.tanh);
   * absolute error below 1e-15, exact limits +-1.
   */
  public static double tanh(double z) {
    return 1.0 - 2.0 / (Math.exp(2 * z) + 1.0);
  }

  /** In place over rows [from, to): z += b, then a = sigma(z) and slope = sigma'(z). */
  private static void activate(Activation act, DoubleBuffer ab, double[] sl, DoubleBuffer params, int bo, int width,
      int from, int to) {
    switch (act) {
      // TANH and SILU: the row's exponentials at once (vectorised by VecMath), staged in the slope array;
      // the same formulas as tanh(double) and 1 / (1 + e^{-z})
      case TANH -> {
        for (int i = from; i < to; i++) {
          for (int k = 0; k < width; k++) {
            int q = i * width + k;
            sl[q] = 2 * (ab.get(q) + params.get(bo + k));
          }
          VecMath.exp(sl, i * width, width);
          for (int k = 0; k < width; k++) {
            int q = i * width + k;
            double t = 1.0 - 2.0 / (sl[q] + 1.0);
            ab.put(q, t);
            sl[q] = 1 - t * t;
          }
        }
      }
      case SILU -> {
        for (int i = from; i < to; i++) {
          for (int k = 0; k < width; k++) {
            int q = i * width + k;
            sl[q] = -(ab.get(q) + params.get(bo + k));
          }
          VecMath.exp(sl, i * width, width);
          for (int k = 0; k < width; k++) {
            int q = i * width + k;
            double z = ab.get(q) + params.get(bo + k);
            double s = 1.0 / (1.0 + sl[q]);
            ab.put(q, z * s);
            sl[q] = s + z * s * (1 - s);
          }
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          for (int k = 0; k < width; k++) {
            int q = i * width + k;
            double z = ab.get(q) + params.get(bo + k);
            ab.put(q, act.value(z));
            sl[q] = act.d1(z);
          }
        }
      }
    }
  }
}
