package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pseudo-log-likelihood (Besag), sum_k log p(x_k | x_{-k}), which needs no partition function: with
 * Delta_k = U(x with site k flipped) - U(x), p(x_k | x_{-k}) = sigmoid(Delta_k), so PLL(x) = -sum_k softplus(-Delta_k).
 * Every site is summed (no random site subsampling).
 *
 * <pre>{@code
 * double pll = PseudoLikelihood.mean(rbm, data);  // mean over rows, in nats
 * }</pre>
 */
public final class PseudoLikelihood {
  private PseudoLikelihood() {}

  /** PLL of each row of a validated batch x [N, n]; returns [N]. */
  public static INDArray of(BinaryEnergy e, INDArray x) {
    INDArray deltas = e.flipDeltas(x);
    int n = (int) deltas.rows();
    int d = (int) deltas.columns();
    DoubleBuffer db = Batches.buffer(deltas);
    INDArray out = Batches.zeros(n);
    DoubleBuffer ob = Batches.buffer(out);
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < d; k++) {
        s -= Bin.softplus(-db.get(i * d + k));
      }
      ob.put(i, s);
    }
    return out;
  }

  /** Mean PLL over the rows of x. */
  public static double mean(BinaryEnergy e, INDArray x) {
    return of(e, x).meanNumber().doubleValue();
  }
}
