package io.ebm4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix views, without copies, of the blocks of a flat parameter-shaped vector laid out by {@link MlpLayout}:
 * W_l as [n_{l-1}, n_l], b_l as [1, n_l], w_out as [1, n_L]. Serves both the live parameters (operands of the
 * forward gemms) and gradient accumulators (targets of gemms with beta = 1).
 */
final class ParamViews {
  /** The vector viewed, [P]. */
  final INDArray vector;
  /** Element access from the vector's first element. */
  final Vec v;
  /** The vector as a flat [P] view (for whole-vector operations such as adding a partial gradient). */
  final INDArray flat;
  final INDArray[] w;
  final INDArray[] b;
  final INDArray out;

  ParamViews(MlpLayout layout, INDArray vector) {
    this.vector = vector;
    this.v = Vec.of(vector);
    long base = vector.offset();
    this.flat = Nd4j.create(vector.data(), new long[] {layout.size}, new long[] {1}, base, 'c', vector.dataType());
    int layers = layout.layers;
    w = new INDArray[layers + 1];
    b = new INDArray[layers + 1];
    for (int l = 1; l <= layers; l++) {
      int in = layout.n[l - 1];
      int nl = layout.n[l];
      w[l] = Nd4j.create(vector.data(), new long[] {in, nl}, new long[] {nl, 1}, base + layout.weightOffset(l), 'c',
          vector.dataType());
      b[l] = Nd4j.create(vector.data(), new long[] {1, nl}, new long[] {nl, 1}, base + layout.biasOffset(l), 'c',
          vector.dataType());
    }
    int nl = layout.n[layers];
    out = Nd4j.create(vector.data(), new long[] {1, nl}, new long[] {nl, 1}, base + layout.outOff, 'c',
        vector.dataType());
  }
}
