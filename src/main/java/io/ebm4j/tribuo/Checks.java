package io.ebm4j.tribuo;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks whose messages name the parameter and the value. */
final class Checks {
  private Checks() {}

  static void atLeast(long value, long min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
    }
  }

  static void positive(double value, String name) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
    }
  }

  /** A finite [N, d] batch with N, d >= 1, as a dense double array. */
  static INDArray batch(INDArray x) {
    if (x == null || x.rank() != 2) {
      throw new IllegalArgumentException("x must have shape [N, d], got "
          + (x == null ? "null" : java.util.Arrays.toString(x.shape())));
    }
    return io.ebm4j.nd.Batches.requireBatch(x, (int) x.columns(), "x");
  }
}
