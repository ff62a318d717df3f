package io.ebm4j.estimate;

import io.ebm4j.energy.Energy;
import io.ebm4j.nd.Batches;
import java.nio.DoubleBuffer;
import java.util.function.ToIntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy integrated on a regular grid in 1 or 2 dimensions: Z = sum_j c_j exp(-U(x_j)) (trapezoid weights c_j),
 * the normalised grid density, masses of regions and KL divergences. In low dimension this is exact up to the
 * resolution and the box, which is how learned mode weights and KL are measured for neural energies.
 *
 * <pre>{@code
 * GridDensity g = GridDensity.of(model, new double[] {-8, -8}, new double[] {8, 8}, 201);
 * double logZ = g.logZ();
 * double[] masses = g.masses(x -> x[0] < 0 ? 0 : 1, 2);   // mass left and right of x = 0
 * }</pre>
 */
public final class GridDensity {
  private final int d;
  private final int points;
  private final double[] lo;
  private final double[] step;
  private final double[] prob; // normalised probability of each grid cell
  private final double[] energy;
  private final double logZ;

  private GridDensity(int d, int points, double[] lo, double[] step, double[] prob, double[] energy, double logZ) {
    this.d = d;
    this.points = points;
    this.lo = lo;
    this.step = step;
    this.prob = prob;
    this.energy = energy;
    this.logZ = logZ;
  }

  /** Integrates e on the box [lo, hi] with the given number of points per axis (d = 1 or 2). */
  public static GridDensity of(Energy e, double[] lo, double[] hi, int points) {
    int d = e.dim();
    if (d > 2) {
      throw new IllegalArgumentException("grid integration is for d = 1 or 2, got d = " + d);
    }
    if (lo.length != d || hi.length != d) {
      throw new IllegalArgumentException("lo and hi must have length " + d + ", got " + lo.length + " and "
          + hi.length);
    }
    if (points < 3) {
      throw new IllegalArgumentException("points must be at least 3, got " + points);
    }
    double[] step = new double[d];
    for (int k = 0; k < d; k++) {
      if (!(hi[k] > lo[k])) {
        throw new IllegalArgumentException("grid box needs lo < hi, got lo=" + lo[k] + " hi=" + hi[k]);
      }
      step[k] = (hi[k] - lo[k]) / (points - 1);
    }
    int n = d == 1 ? points : points * points;
    INDArray x = Batches.zeros(n, d);
    DoubleBuffer xb = Batches.buffer(x);
    for (int i = 0; i < n; i++) {
      xb.put(i * d, lo[0] + (i % points) * step[0]);
      if (d == 2) {
        xb.put(i * d + 1, lo[1] + (i / points) * step[1]);
      }
    }
    double[] u = Batches.toArray(e.energy(x));
    double min = Double.POSITIVE_INFINITY;
    for (double v : u) {
      if (!Double.isFinite(v)) {
        throw new IllegalStateException("energy is not finite on the grid: " + v);
      }
      min = Math.min(min, v);
    }
    double[] p = new double[n];
    double s = 0;
    double cell = d == 1 ? step[0] : step[0] * step[1];
    for (int i = 0; i < n; i++) {
      double c = cell * trapezoid(i % points, points) * (d == 2 ? trapezoid(i / points, points) : 1);
      p[i] = c * Math.exp(-(u[i] - min));
      s += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] /= s;
    }
    return new GridDensity(d, points, lo.clone(), step, p, u, -min + Math.log(s));
  }

  private static double trapezoid(int i, int points) {
    return i == 0 || i == points - 1 ? 0.5 : 1.0;
  }

  /** log Z over the box. */
  public double logZ() {
    return logZ;
  }

  /** Points per axis. */
  public int points() {
    return points;
  }

  /** Coordinates of grid point i (x fastest). */
  public double[] point(int i) {
    return d == 1 ? new double[] {lo[0] + i * step[0]}
        : new double[] {lo[0] + (i % points) * step[0], lo[1] + (i / points) * step[1]};
  }

  /** Probability of each grid point (sums to 1). */
  public double[] probabilities() {
    return prob.clone();
  }

  /** Energy at each grid point. */
  public double[] energies() {
    return energy.clone();
  }

  /** Mass of each of k regions, region(x) giving the index in [0, k) of grid point x. */
  public double[] masses(ToIntFunction<double[]> region, int k) {
    double[] m = new double[k];
    for (int i = 0; i < prob.length; i++) {
      m[region.applyAsInt(point(i))] += prob[i];
    }
    return m;
  }

  /** KL(this || other) on the common grid (same box and resolution). */
  public double kl(GridDensity other) {
    if (other.prob.length != prob.length) {
      throw new IllegalArgumentException("grids differ: " + prob.length + " vs " + other.prob.length + " points");
    }
    double s = 0;
    for (int i = 0; i < prob.length; i++) {
      if (prob[i] > 0) {
        s += prob[i] * (Math.log(prob[i]) - Math.log(Math.max(other.prob[i], Double.MIN_NORMAL)));
      }
    }
    return s;
  }
}
