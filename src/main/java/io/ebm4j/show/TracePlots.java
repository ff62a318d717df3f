package io.ebm4j.show;

import io.ebm4j.sample.Trace;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures of an MCMC {@link Trace}: the trace plot of one coordinate (value against kept draw, one line per chain)
 * and its density pooled over chains and draws, with an optional exact density drawn over it.
 *
 * <pre>{@code
 * Trace t = Ebm.sample(energy).kernel(Kernels.mala(0.1)).chains(64).steps(2000).run();
 * XYChart tr = TracePlots.trace(t, 0, 4);                        // coordinate 0, first 4 chains
 * XYChart de = TracePlots.density(t, 0, 60, x -> Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI));
 * Figures.savePng(tr, Path.of("trace.png"));
 * }</pre>
 */
public final class TracePlots {
  private static final int EXACT_POINTS = 400;

  private TracePlots() {}

  /** Coordinate {@code coord} against kept draw for the first {@code chains} chains, one line each. */
  public static XYChart trace(Trace t, int coord, int chains) {
    requireCoord(t, coord);
    if (chains < 1 || chains > t.chains()) {
      throw new IllegalArgumentException("chains must be in [1, " + t.chains() + "], got " + chains);
    }
    double[][] v = t.coordinate(coord);
    double[] draw = new double[t.draws()];
    for (int k = 0; k < draw.length; k++) {
      draw[k] = k;
    }
    XYChart chart = Plots.chart("trace of x" + coord + " (" + t.kernel() + ")", "draw", "x" + coord);
    for (int c = 0; c < chains; c++) {
      XYSeries s = chart.addSeries("chain " + c, draw, v[c]);
      s.setMarker(SeriesMarkers.NONE);
    }
    Plots.roundTicks(chart, draw, v[0]);
    return chart;
  }

  /** Histogram density of coordinate {@code coord} pooled over all chains and draws, over its range. */
  public static XYChart density(Trace t, int coord, int bins) {
    return density(t, coord, bins, null);
  }

  /**
   * As {@link #density(Trace, int, int)}, with the exact marginal density {@code exact} (may be null) drawn over
   * the histogram as a dashed black line.
   */
  public static XYChart density(Trace t, int coord, int bins, DoubleUnaryOperator exact) {
    requireCoord(t, coord);
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, got " + bins);
    }
    double[] values = pooled(t, coord);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double pad = hi > lo ? 1e-9 * (hi - lo) : 0.5;
    lo -= pad;
    hi += pad;
    XYChart chart = Plots.chart("density of x" + coord + " (" + t.kernel() + ")", "x" + coord, "density");
    Histograms.add(chart, "draws (" + values.length + ")", values, null, lo, hi, bins);
    if (exact != null) {
      double[] xs = new double[EXACT_POINTS + 1];
      double[] ys = new double[EXACT_POINTS + 1];
      for (int k = 0; k <= EXACT_POINTS; k++) {
        xs[k] = lo + (hi - lo) * k / EXACT_POINTS;
        ys[k] = exact.applyAsDouble(xs[k]);
      }
      XYSeries s = chart.addSeries("exact", xs, ys);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(java.awt.Color.BLACK);
      s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
          10f, new float[] {6f, 4f}, 0f));
    }
    return chart;
  }

  private static double[] pooled(Trace t, int coord) {
    double[][] v = t.coordinate(coord);
    double[] out = new double[t.chains() * t.draws()];
    for (int c = 0; c < v.length; c++) {
      System.arraycopy(v[c], 0, out, c * t.draws(), t.draws());
    }
    return out;
  }

  private static void requireCoord(Trace t, int coord) {
    if (t == null) {
      throw new IllegalArgumentException("trace must not be null");
    }
    if (coord < 0 || coord >= t.dim()) {
      throw new IllegalArgumentException("coord must be in [0, " + t.dim() + "), got " + coord);
    }
  }
}
