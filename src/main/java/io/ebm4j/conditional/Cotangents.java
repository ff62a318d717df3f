package io.ebm4j.conditional;

import io.ebm4j.nd.Batches;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks of the arrays handed to {@link ConditionalEnergy#backward}. */
final class Cotangents {
  private Cotangents() {}

  /** g must be a dense double [n, k] array. */
  static void require(INDArray g, long n, int k) {
    if (g == null || g.rank() != 2 || g.rows() != n || g.columns() != k || !Batches.isDense(g)) {
      throw new IllegalArgumentException("g must be a dense double array of shape [" + n + ", " + k + "], got "
          + (g == null ? "null" : g.dataType() + " " + Arrays.toString(g.shape())));
    }
  }

  /** paramGrad must be a double vector of length p. */
  static void requireParamGrad(INDArray paramGrad, int p) {
    if (paramGrad.length() != p || paramGrad.dataType() != DataType.DOUBLE) {
      throw new IllegalArgumentException("paramGrad must be a double vector of length " + p + ", got "
          + paramGrad.dataType() + " of length " + paramGrad.length());
    }
  }
}
