package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Iterated conditional modes (ICM): each site in turn is set to its conditional mode, argmax_{x_i} p(x_i | x_{-i}),
 * i.e. flipped exactly when the flip lowers the energy (U(x') - U(x) < 0); sweeps repeat until one changes nothing.
 * Every flip lowers U strictly, so it stops, at a state no single flip improves (a local minimum, usually not the
 * global one). Deterministic; works for every {@link BinaryEnergy}, on a batch of starts [N, n] in parallel. J. Besag,
 * "On the Statistical Analysis of Dirty Pictures", Journal of the Royal Statistical Society B 48(3), 1986,
 * https://doi.org/10.1111/j.2517-6161.1986.tb01412.x.
 *
 * <pre>{@code
 * MapEstimate m = IteratedConditionalModes.minimize(posterior, noisy);   // start at the observation
 * m.sweeps();     // sweeps until nothing changed (the last one included)
 * }</pre>
 */
public final class IteratedConditionalModes {
  /** Default bound on the number of sweeps. */
  public static final int MAX_SWEEPS = 10_000;

  private IteratedConditionalModes() {}

  /** ICM from each row of x0 [N, n] until a sweep changes nothing (at most {@link #MAX_SWEEPS} sweeps). */
  public static MapEstimate minimize(BinaryEnergy e, INDArray x0) {
    return minimize(e, x0, MAX_SWEEPS);
  }

  /** ICM from each row of x0 [N, n], in systematic scan, until a sweep changes nothing or maxSweeps sweeps. */
  public static MapEstimate minimize(BinaryEnergy e, INDArray x0, int maxSweeps) {
    if (e == null) {
      throw new IllegalArgumentException("energy must not be null");
    }
    Bin.requirePositive(maxSweeps, "maxSweeps");
    INDArray x = e.encoding().requireStates(x0, e.dim(), "x0").dup('c');
    final int n = (int) x.rows();
    final int d = e.dim();
    final Encoding enc = e.encoding();
    final DoubleBuffer xb = Batches.buffer(x);
    INDArray u = Batches.zeros(n);
    e.evaluate(x, u, null);
    final DoubleBuffer ub = Batches.buffer(u);
    final boolean[] settled = new boolean[n];
    double[] trace = new double[maxSweeps];
    int sweeps = 0;
    while (sweeps < maxSweeps) {
      double flips = Par.sum(n, (ch, from, to) -> {
        BinaryEnergy.Flips f = e.flips();
        long count = 0;
        for (int i = from; i < to; i++) {
          if (settled[i]) {
            continue;
          }
          int off = i * d;
          double ui = ub.get(i);
          long before = count;
          for (int site = 0; site < d; site++) {
            double delta = f.delta(xb, off, site);
            if (delta < 0) {
              xb.put(off + site, enc.flip(xb.get(off + site)));
              ui += delta;
              count++;
            }
          }
          ub.put(i, ui);
          settled[i] = count == before;
        }
        return count;
      });
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += ub.get(i);
      }
      trace[sweeps++] = mean / n;
      if (flips == 0) {
        break;
      }
    }
    e.evaluate(x, u, null);
    return new MapEstimate(x, Batches.toArray(u), sweeps, Arrays.copyOf(trace, sweeps));
  }
}
