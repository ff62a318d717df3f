package io.ebm4j.estimate;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sums of f(|x_i - y_j|^2) over all pairs of two batches, in blocks of rows: squared distances as
 * |x|^2 + |y|^2 - 2 x y^T with one gemm per block, then one fused loop. Memory stays at BLOCK x m doubles.
 */
final class Pairwise {
  static final int BLOCK = 512;

  private Pairwise() {}

  /** Squared row norms of x [n, d]. */
  static double[] norms(INDArray x) {
    int n = (int) x.rows();
    int d = (int) x.columns();
    DoubleBuffer b = Batches.buffer(x);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      double v = 0;
      for (int j = 0; j < d; j++) {
        double t = b.get(i * d + j);
        v += t * t;
      }
      s[i] = v;
    }
    return s;
  }

  /** Visits the squared distances of rows [from, to) of x to all rows of y. */
  interface BlockVisitor {
    void visit(int from, int to, DoubleBuffer sq, int m);
  }

  static void blocks(INDArray x, INDArray y, BlockVisitor v) {
    int n = (int) x.rows();
    int m = (int) y.rows();
    double[] nx = norms(x);
    double[] ny = norms(y);
    // one block buffer and one row buffer for the whole sweep (a native allocation per block would pile up until a
    // garbage collection frees it)
    int rows = Math.min(n, BLOCK);
    INDArray fullBlock = Batches.zeros(rows, m);
    INDArray fullRows = Batches.zeros(rows, (int) x.columns());
    for (int from = 0; from < n; from += BLOCK) {
      int to = Math.min(n, from + BLOCK);
      INDArray xb = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
          org.nd4j.linalg.indexing.NDArrayIndex.all());
      boolean full = to - from == rows;
      INDArray block = full ? fullBlock : Batches.zeros(to - from, m);
      INDArray xcopy = full ? fullRows.assign(xb) : xb.dup();
      Nd4j.gemm(xcopy, y, block, false, true, -2.0, 0.0);
      DoubleBuffer sq = Batches.buffer(block);
      for (int i = from; i < to; i++) {
        int r = (i - from) * m;
        for (int j = 0; j < m; j++) {
          sq.put(r + j, Math.max(0.0, sq.get(r + j) + nx[i] + ny[j]));
        }
      }
      v.visit(from, to, sq, m);
      // sq reads block's native memory: keep block reachable until the visitor is done with it
      java.lang.ref.Reference.reachabilityFence(block);
    }
    java.lang.ref.Reference.reachabilityFence(fullBlock);
  }

  /** Sum over pairs (i, j) of f(|x_i - y_j|^2); with {@code same} (x and y the same batch) the pairs i = j are left out. */
  static double sum(INDArray x, INDArray y, boolean same, DoubleUnaryOperator f) {
    double[] total = {0};
    blocks(x, y, (from, to, sq, m) -> {
      double s = 0;
      for (int i = from; i < to; i++) {
        int r = (i - from) * m;
        for (int j = 0; j < m; j++) {
          if (!same || i != j) {
            s += f.applyAsDouble(sq.get(r + j));
          }
        }
      }
      total[0] += s;
    });
    return total[0];
  }

  /** Validates two samples of the same dimension with at least two rows each; returns them dense. */
  static INDArray[] require(INDArray x, INDArray y) {
    if (x == null || y == null) {
      throw new IllegalArgumentException("x and y must not be null");
    }
    if (x.rank() != 2 || y.rank() != 2 || x.columns() != y.columns()) {
      throw new IllegalArgumentException("x and y must be [n, d] batches of the same d, got "
          + java.util.Arrays.toString(x.shape()) + " and " + java.util.Arrays.toString(y.shape()));
    }
    INDArray xs = Batches.requireBatch(x, (int) x.columns(), "x");
    INDArray ys = Batches.requireBatch(y, (int) y.columns(), "y");
    if (xs.rows() < 2 || ys.rows() < 2) {
      throw new IllegalArgumentException("x and y need at least 2 rows each, got " + xs.rows() + " and " + ys.rows());
    }
    return new INDArray[] {xs, ys};
  }
}
