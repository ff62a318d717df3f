package io.ebm4j.tribuo;

import io.ebm4j.nd.Batches;
import java.io.Serializable;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A per-feature affine map z_j = (x_j - shift_j) / scale_j fitted on training data: min-max (to [0, 1] on the
 * training range) or standardisation (mean 0, standard deviation 1). A constant column gets scale 1. Plain arrays,
 * so it serialises with the model.
 */
final class Scaling implements Serializable {
  private static final long serialVersionUID = 1L;
  private final double[] shift;
  private final double[] scale;

  private Scaling(double[] shift, double[] scale) {
    this.shift = shift;
    this.scale = scale;
  }

  int dim() {
    return shift.length;
  }

  /** shift = column minimum, scale = column range. */
  static Scaling minMax(INDArray x) {
    int n = (int) x.rows();
    int d = (int) x.columns();
    DoubleBuffer b = Batches.buffer(x);
    double[] lo = new double[d];
    double[] hi = new double[d];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = b.get(i * d + j);
        lo[j] = Math.min(lo[j], v);
        hi[j] = Math.max(hi[j], v);
      }
    }
    for (int j = 0; j < d; j++) {
      hi[j] = hi[j] > lo[j] ? hi[j] - lo[j] : 1;
    }
    return new Scaling(lo, hi);
  }

  /** shift = column mean, scale = column standard deviation (1/n). */
  static Scaling standard(INDArray x) {
    int n = (int) x.rows();
    int d = (int) x.columns();
    DoubleBuffer b = Batches.buffer(x);
    double[] mean = new double[d];
    double[] sq = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += b.get(i * d + j);
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double c = b.get(i * d + j) - mean[j];
        sq[j] += c * c;
      }
    }
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(sq[j] / n);
      sq[j] = sd > 0 ? sd : 1;
    }
    return new Scaling(mean, sq);
  }

  /** The scaled batch z [N, d]. */
  INDArray apply(INDArray x) {
    return map(x, Double.NaN);
  }

  /** 1 where the scaled value exceeds threshold, else 0: the 0/1 batch a Bernoulli RBM sees. */
  INDArray binarize(INDArray x, double threshold) {
    return map(x, threshold);
  }

  private INDArray map(INDArray x, double threshold) {
    int n = (int) x.rows();
    int d = dim();
    if (x.columns() != d) {
      throw new IllegalArgumentException("x must have " + d + " columns (the training features), got " + x.columns());
    }
    DoubleBuffer b = Batches.buffer(x);
    INDArray out = Batches.zeros(n, d);
    DoubleBuffer o = Batches.buffer(out);
    boolean bin = !Double.isNaN(threshold);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double z = (b.get(i * d + j) - shift[j]) / scale[j];
        o.put(i * d + j, bin ? (z > threshold ? 1.0 : 0.0) : z);
      }
    }
    return out;
  }
}
