package io.ebm4j.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Preallocated buffers of an {@link Mlp} for one batch size N, reused from call to call so that a pass allocates
 * nothing after warm-up. Matrices that feed BLAS live in ND4J memory in the model's precision and are stacked in up
 * to three channels of N rows each: channel 0 holds the primal values (pre-activations z, activations h), channel 1
 * their first directional derivatives along a tangent v (z', h'), channel 2 the second ones (z'', h''). One gemm
 * then serves all channels of a layer. Activation derivatives sigma', sigma'', sigma''' at channel 0's z live in
 * Java arrays, as they only feed fused loops.
 */
final class MlpWorkspace {
  /** Batch size N. */
  final int n;
  /** Number of channels the stacks hold (1 to 3). */
  final int channels;
  /** Inputs [x; v; 0] as [channels * N, d]. */
  final Stack xs;
  /** Pre-activations (overwritten by their cotangents in backward passes), index 1..L. */
  final Stack[] z;
  /** Activations, index 1..L. */
  final Stack[] a;
  /** Cotangents of the activations of layer l (index 1..L-1), from the gemm of layer l + 1. */
  final Stack[] ga;
  /** Input gradient [N, d]. */
  final INDArray gx;
  final Vec gxv;
  /** sigma', sigma'', sigma''' at channel 0, [N * n_l] each, index 1..L (s2, s3 allocated on first need). */
  final double[][] s1;
  final double[][] s2;
  final double[][] s3;
  /**
   * sigma' at channel 0 in single precision, index 1..L (FLOAT models only): the fused loops of first-order passes
   * read it; s1 (double) is filled too when a pass goes on to second order.
   */
  final float[][] s1f;
  /** sigma'' at channel 0 in single precision, index 1..L (FLOAT models, after a pass of order 2 or more). */
  final float[][] s2f;
  /** Whether s1 (double) holds the last forward pass's sigma' (always, unless a FLOAT first-order pass skipped it). */
  boolean s1Current;
  /** Row weights for the output-weight gradient, [1, channels * N]. */
  final Stack r;
  /** A [1, N] row of ones (bias gradients as one gemm). */
  final INDArray ones;
  /** Energies, first and second directional derivatives of U per row, and per-row scratch. */
  final double[] energy;
  final double[] udot;
  final double[] uddot;
  final double[] rowA;
  final double[] rowB;
  final double[] rowC;
  /** Per-chunk rows of float scratch for the single-precision fused loops, [chunk][slot][max hidden width]. */
  private final float[][][] rows;
  private final int width;

  MlpWorkspace(MlpLayout layout, DataType dtype, int n, int channels) {
    this.n = n;
    this.channels = channels;
    int layers = layout.layers;
    xs = new Stack(dtype, n, channels, layout.n[0]);
    z = new Stack[layers + 1];
    a = new Stack[layers + 1];
    ga = new Stack[layers + 1];
    s1 = new double[layers + 1][];
    s2 = new double[layers + 1][];
    s3 = new double[layers + 1][];
    s1f = new float[layers + 1][];
    s2f = new float[layers + 1][];
    for (int l = 1; l <= layers; l++) {
      z[l] = new Stack(dtype, n, channels, layout.n[l]);
      a[l] = new Stack(dtype, n, channels, layout.n[l]);
      if (l < layers) {
        ga[l] = new Stack(dtype, n, channels, layout.n[l]);
      }
      s1[l] = new double[n * layout.n[l]];
      if (dtype == DataType.FLOAT) {
        s1f[l] = new float[n * layout.n[l]];
      }
    }

    gx = Nd4j.create(dtype, n, layout.n[0]);
    gxv = Vec.of(gx);
    r = new Stack(dtype, 1, channels, n);
    ones = Nd4j.ones(dtype, 1, n);
    energy = new double[n];
    udot = new double[n];
    uddot = new double[n];
    rowA = new double[n];
    rowB = new double[n];
    rowC = new double[n];
    int w = 0;
    for (int l = 1; l <= layers; l++) {
      w = Math.max(w, layout.n[l]);
    }
    width = w;
    rows = new float[io.ebm4j.nd.Par.chunks(n)][][];
  }

  /** Chunk c's float scratch rows (FLOAT_ROWS of them, each as long as the widest hidden layer). */
  float[][] floatRows(int c) {
    float[][] r = rows[c];
    if (r == null) {
      r = new float[FLOAT_ROWS][width];
      rows[c] = r;
    }
    return r;
  }

  /** Number of float scratch rows per chunk. */
  static final int FLOAT_ROWS = 6;

  /** Makes sure sigma'' (order >= 2) and sigma''' (order 3) have room. */
  void ensureOrder(int order) {
    for (int l = 1; l < s1.length; l++) {
      if (order >= 2 && s2[l] == null) {
        s2[l] = new double[s1[l].length];
        if (s1f[l] != null) {
          s2f[l] = new float[s1[l].length];
        }
      }
      if (order >= 3 && s3[l] == null) {
        s3[l] = new double[s1[l].length];
      }
    }
  }

  /** A [channels * rows, cols] buffer with cached views of its channel ranges. */
  static final class Stack {
    final INDArray full;
    final Vec v;
    private final int rows;
    private final int cols;
    private final DataType dtype;
    private final INDArray[] views = new INDArray[16];

    Stack(DataType dtype, int rows, int channels, int cols) {
      this.dtype = dtype;
      this.rows = rows;
      this.cols = cols;
      // a 1-row stack is laid out along columns: [1, channels * cols]
      this.full = rows == 1 ? Nd4j.create(dtype, 1, (long) channels * cols) : Nd4j.create(dtype,
          (long) channels * rows, cols);
      this.v = Vec.of(full);
    }

    /** Channels [c0, c1) as one contiguous matrix view (rows c0*N .. c1*N), or columns for a 1-row stack. */
    INDArray channels(int c0, int c1) {
      int key = c0 * 4 + c1;
      INDArray view = views[key];
      if (view == null) {
        long[] shape;
        long[] stride;
        long offset;
        if (rows == 1) {
          shape = new long[] {1, (long) (c1 - c0) * cols};
          stride = new long[] {(long) (c1 - c0) * cols, 1};
          offset = (long) c0 * cols;
        } else {
          shape = new long[] {(long) (c1 - c0) * rows, cols};
          stride = new long[] {cols, 1};
          offset = (long) c0 * rows * cols;
        }
        view = Nd4j.create(full.data(), shape, stride, offset, 'c', dtype);
        views[key] = view;
      }
      return view;
    }
  }
}
