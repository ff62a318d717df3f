package io.ebm4j.estimate;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sliced Wasserstein-2 distance (Bonneel, Rabin, Peyre, Pfister, "Sliced and Radon Wasserstein Barycenters of
 * Measures", JMIV 2015, https://doi.org/10.1007/s10851-014-0506-3),
 *
 * <pre>
 *   SW_2(P, Q) = ( E_{theta ~ Unif(S^{d-1})} W_2^2(theta#P, theta#Q) )^{1/2},
 * </pre>
 *
 * by Monte Carlo over random directions; each one-dimensional W_2 compares sorted projections (equal sample sizes), or
 * the empirical quantile functions at L = max(n, m) midpoints (i + 1/2) / L otherwise.
 *
 * <pre>{@code
 * double sw = SlicedWasserstein.distance(samples, heldOut, 500, new Rng(1));
 * }</pre>
 */
public final class SlicedWasserstein {
  private SlicedWasserstein() {}

  /** SW_2 between the samples x [n, d] and y [m, d] with {@code projections} random directions drawn from rng. */
  public static double distance(INDArray x, INDArray y, int projections, Rng rng) {
    if (projections < 1) {
      throw new IllegalArgumentException("projections must be at least 1, got " + projections);
    }
    if (rng == null) {
      throw new IllegalArgumentException("rng must not be null");
    }
    INDArray[] s = Pairwise.require(x, y);
    int d = (int) s[0].columns();
    INDArray theta = Batches.zeros(d, projections);
    DoubleBuffer tb = Batches.buffer(theta);
    for (int p = 0; p < projections; p++) {
      double norm = 0;
      double[] v = new double[d];
      while (norm == 0) {
        norm = 0;
        for (int j = 0; j < d; j++) {
          v[j] = rng.normal();
          norm += v[j] * v[j];
        }
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < d; j++) {
        tb.put(j * projections + p, v[j] / norm);
      }
    }
    double[][] px = columns(s[0].mmul(theta), projections);
    double[][] py = columns(s[1].mmul(theta), projections);
    double total = 0;
    for (int p = 0; p < projections; p++) {
      total += w2Squared(px[p], py[p]);
    }
    return Math.sqrt(total / projections);
  }

  /** Sorted columns of a [n, P] matrix. */
  private static double[][] columns(INDArray a, int projections) {
    int n = (int) a.rows();
    INDArray c = a.dup('c');
    DoubleBuffer b = Batches.buffer(c);
    double[][] out = new double[projections][n];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < projections; p++) {
        out[p][i] = b.get(i * projections + p);
      }
    }
    for (double[] col : out) {
      Arrays.sort(col);
    }
    return out;
  }

  /** W_2^2 between two sorted one-dimensional samples. */
  static double w2Squared(double[] a, double[] b) {
    if (a.length == b.length) {
      double s = 0;
      for (int i = 0; i < a.length; i++) {
        double t = a[i] - b[i];
        s += t * t;
      }
      return s / a.length;
    }
    int l = Math.max(a.length, b.length);
    double s = 0;
    for (int i = 0; i < l; i++) {
      double q = (i + 0.5) / l;
      double t = a[(int) (q * a.length)] - b[(int) (q * b.length)];
      s += t * t;
    }
    return s / l;
  }
}
