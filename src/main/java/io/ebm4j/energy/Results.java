package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks of what user-written energies return (lambdas, graphs): the shape always (it decides what is copied where),
 * finiteness on the first call of each kind, with messages that name the function, the expected and the actual shape,
 * or the first non-finite value and the point it came from.
 */
final class Results {
  private Results() {}

  /** The result of an energy function for x [N, d] as a dense double [N] ([N] or [N, 1] accepted). */
  static INDArray energies(INDArray r, INDArray x, String what, boolean checkFinite) {
    long n = x.rows();
    if (r == null) {
      throw new IllegalArgumentException(what + " returned null for x of shape " + Arrays.toString(x.shape()));
    }
    boolean ok = (r.rank() == 1 && r.length() == n) || (r.rank() == 2 && r.rows() == n && r.columns() == 1);
    if (!ok) {
      throw new IllegalArgumentException(what + " must return shape [" + n + "] (one energy per row of x, shape "
          + Arrays.toString(x.shape()) + "), got " + Arrays.toString(r.shape()));
    }
    INDArray v = dense(r.reshape(n));
    if (checkFinite) {
      requireFinite(v, x, what);
    }
    return v;
  }

  /** The result of a function for x [N, d] that must be [N, cols], as a dense double array. */
  static INDArray matrix(INDArray r, INDArray x, long cols, String what, boolean checkFinite) {
    long n = x.rows();
    if (r == null) {
      throw new IllegalArgumentException(what + " returned null for x of shape " + Arrays.toString(x.shape()));
    }
    if (r.rank() != 2 || r.rows() != n || r.columns() != cols) {
      boolean vectorOk = cols == 1 && r.rank() == 1 && r.length() == n;
      if (!vectorOk) {
        throw new IllegalArgumentException(what + " must return shape [" + n + ", " + cols + "] for x of shape "
            + Arrays.toString(x.shape()) + ", got " + Arrays.toString(r.shape()));
      }
    }
    INDArray v = dense(r.reshape(n, cols));
    if (checkFinite) {
      requireFinite(v, x, what);
    }
    return v;
  }

  private static INDArray dense(INDArray r) {
    return Batches.isDense(r) ? r : r.castTo(DataType.DOUBLE).dup('c');
  }

  private static void requireFinite(INDArray v, INDArray x, String what) {
    DoubleBuffer b = Batches.buffer(v);
    long cols = v.rank() == 2 ? v.columns() : 1;
    for (int q = 0; q < v.length(); q++) {
      double value = b.get(q);
      if (!Double.isFinite(value)) {
        int i = (int) (q / cols);
        String at = v.rank() == 2 ? "[" + i + ", " + (q % cols) + "]" : "[" + i + "]";
        throw new IllegalArgumentException(what + " must return finite values, got " + value + " at " + at
            + " for x row " + Arrays.toString(x.getRow(i).toDoubleVector()));
      }
    }
  }
}
