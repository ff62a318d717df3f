package io.ebm4j.discrete;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy on binary states x in {0,1}^n or {-1,+1}^n (see {@link #encoding}), rho(x) = exp(-U(x)) / Z. It fits
 * the {@link Energy} contract with one restriction: grad_x U does not exist on a discrete space, so
 * {@code evaluate(x, u, g)} throws {@link UnsupportedOperationException} when g is not null (and so does
 * {@code gradX}). What single-site samplers need instead is the change of energy when one site flips.
 *
 * <pre>{@code
 * BinaryEnergy ising = IsingGrid.builder(3, 3).coupling(0.4).build();
 * INDArray u = ising.energy(states);             // [N]
 * INDArray du = ising.flipDeltas(states);        // [N, 9]: U(x with site k flipped) - U(x)
 * }</pre>
 */
public interface BinaryEnergy extends Energy {
  /** The values a site takes. */
  Encoding encoding();

  /**
   * A snapshot of the current parameters that answers flip questions. Not thread-safe: take one per thread (kernels
   * take one per chunk of rows).
   */
  Flips flips();

  /** Single-site energy changes under fixed parameters. */
  @FunctionalInterface
  interface Flips {
    /** U(x') - U(x) where x is the row starting at {@code offset} of {@code x} and x' is x with {@code site} flipped. */
    double delta(DoubleBuffer x, int offset, int site);
  }

  /** U(x with site k flipped) - U(x) for every row and site of a validated batch x [N, n]; returns [N, n]. */
  default INDArray flipDeltas(INDArray x) {
    INDArray xs = encoding().requireStates(x, dim(), "x");
    int n = (int) xs.rows();
    int d = dim();
    INDArray out = Batches.zeros(n, d);
    DoubleBuffer xb = Batches.buffer(xs);
    DoubleBuffer ob = Batches.buffer(out);
    Flips f = flips();
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        ob.put(i * d + k, f.delta(xb, i * d, k));
      }
    }
    return out;
  }
}
