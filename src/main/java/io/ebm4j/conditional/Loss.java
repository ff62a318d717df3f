package io.ebm4j.conditional;

import io.ebm4j.nd.Batches;
import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A per-example loss L(E[i, :], y_i) of a conditional energy, a function of the energies of all K answers for one
 * input and of its correct answer, with its derivative dL/dE[i, :]. The ten losses of the tutorial's loss table are
 * in {@link Losses}.
 *
 * <pre>{@code
 * Loss hinge = Losses.hinge(1.0);
 * INDArray g = Batches.zeros(n, k);
 * double sum = hinge.evaluate(energies, labels, g);   // sum_i L_i; g[i, :] = dL_i / dE[i, :]
 * }</pre>
 */
public interface Loss {
  /** The loss's name in tables, e.g. "hinge". */
  String name();

  /** Its formula in the tutorial's notation, with Ybar the most offending incorrect answer. */
  String formula();

  /**
   * The working call for one example: the energies are e[off .. off+k), the correct answer y; returns L and, when g
   * is not null, writes dL/dE into g[off .. off+k) (overwriting). No validation.
   */
  double row(DoubleBuffer e, int off, int k, int y, DoubleBuffer g);

  /**
   * The summed loss over the rows of energies [N, K] (dense doubles, finite) with labels y_i in {0..K-1}; when grad
   * [N, K] is not null, row i of it receives dL_i/dE[i, :].
   */
  default double evaluate(INDArray energies, int[] labels, INDArray grad) {
    if (energies == null || energies.rank() != 2 || energies.columns() < 2) {
      throw new IllegalArgumentException("energies must have shape [N, K] with K >= 2, got "
          + (energies == null ? "null" : Arrays.toString(energies.shape())));
    }
    INDArray e = Batches.requireBatch(energies, (int) energies.columns(), "energies");
    int n = (int) e.rows();
    int k = (int) e.columns();
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException("labels must have one entry per row of energies (" + n + "), got "
          + (labels == null ? "null" : String.valueOf(labels.length)));
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw new IllegalArgumentException("labels must be in [0, " + (k - 1) + "], got " + labels[i] + " at " + i);
      }
    }
    if (grad != null) {
      Cotangents.require(grad, n, k);
    }
    DoubleBuffer eb = Batches.buffer(e);
    DoubleBuffer gb = grad == null ? null : Batches.buffer(grad);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += row(eb, i * k, k, labels[i], gb);
    }
    Reference.reachabilityFence(e);
    return sum;
  }
}
