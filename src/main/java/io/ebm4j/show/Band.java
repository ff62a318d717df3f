package io.ebm4j.show;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * A history aggregated over seeds, step by step: the mean and the range (min to max) of one column over several
 * history tables with the same steps, what a figure draws as a line with a shaded band.
 *
 * <pre>{@code
 * Band b = Band.of(List.of(seed0.history(), seed1.history()), "step", "massOfB", v -> v);
 * Band e = Band.of(histories, "step", "logZError", Math::abs);   // |log Z error| per seed, then aggregated
 * Plots.band(chart, "jarzynski", Palette.of("jarzynski"), b);
 * }</pre>
 *
 * @param x the steps (or any x column), shared by the tables
 * @param mean the mean over tables at each step (NaN values left out; NaN where all are NaN)
 * @param min the smallest value at each step
 * @param max the largest value at each step
 * @param count the number of tables (seeds)
 */
public record Band(double[] x, double[] mean, double[] min, double[] max, int count) {
  public Band {
    int n = x.length;
    if (mean.length != n || min.length != n || max.length != n) {
      throw new IllegalArgumentException("x, mean, min and max must have the same length, got " + n + ", "
          + mean.length + ", " + min.length + " and " + max.length);
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
  }

  /**
   * Column y against column x over the tables, each value passed through f first (e.g. {@code Math::abs}, or a
   * floor for a log axis). Tables must agree on x over their common length (else the steps differ and the mean
   * would mix steps: that fails, naming the first difference).
   */
  public static Band of(List<Table> tables, String x, String y, DoubleUnaryOperator f) {
    if (tables == null || tables.isEmpty()) {
      throw new IllegalArgumentException("tables must hold at least one history, got " + tables);
    }
    double[] xs = column(tables.get(0), x);
    int n = xs.length;
    for (Table t : tables) {
      n = Math.min(n, t.rowCount());
    }
    double[][] ys = new double[tables.size()][];
    for (int k = 0; k < tables.size(); k++) {
      double[] xk = column(tables.get(k), x);
      for (int i = 0; i < n; i++) {
        if (Double.compare(xk[i], xs[i]) != 0) {
          throw new IllegalArgumentException("histories must share " + x + ": table " + k + " has " + xk[i]
              + " at row " + i + " where table 0 has " + xs[i]);
        }
      }
      ys[k] = column(tables.get(k), y);
    }
    double[] mean = new double[n];
    double[] min = new double[n];
    double[] max = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      int m = 0;
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] v : ys) {
        double w = f.applyAsDouble(v[i]);
        if (!Double.isNaN(w)) {
          s += w;
          m++;
          lo = Math.min(lo, w);
          hi = Math.max(hi, w);
        }
      }
      mean[i] = m == 0 ? Double.NaN : s / m;
      min[i] = m == 0 ? Double.NaN : lo;
      max[i] = m == 0 ? Double.NaN : hi;
    }
    return new Band(java.util.Arrays.copyOf(xs, n), mean, min, max, tables.size());
  }

  /** Column y against column x over the tables, values as they are. */
  public static Band of(List<Table> tables, String x, String y) {
    return of(tables, x, y, v -> v);
  }

  /** Whether there is a spread to draw (more than one table). */
  public boolean hasSpread() {
    return count > 1;
  }

  private static double[] column(Table t, String name) {
    if (!t.columnNames().contains(name)) {
      throw new IllegalArgumentException("history has no column '" + name + "'; columns: "
          + String.join(", ", t.columnNames()));
    }
    return ((NumericColumn<?>) t.column(name)).asDoubleArray();
  }
}
