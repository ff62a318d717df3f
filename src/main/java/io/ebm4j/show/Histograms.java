package io.ebm4j.show;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Weighted histograms as densities, drawn as step lines so several overlay on one chart. */
public final class Histograms {
  private Histograms() {}

  /**
   * Density of the values on [lo, hi] with the given bins: bin mass (weights normalised over all values, null meaning
   * equal weights) divided by the bin width. Values outside the range count in the normalisation only.
   */
  public static double[] density(double[] values, double[] weights, double lo, double hi, int bins) {
    if (!(hi > lo) || bins < 1) {
      throw new IllegalArgumentException("histogram needs lo < hi and bins >= 1, got lo=" + lo + " hi=" + hi
          + " bins=" + bins);
    }
    double[] h = new double[bins];
    double total = 0;
    double width = (hi - lo) / bins;
    for (int i = 0; i < values.length; i++) {
      double w = weights == null ? 1.0 : weights[i];
      total += w;
      int k = (int) Math.floor((values[i] - lo) / width);
      if (k >= 0 && k < bins) {
        h[k] += w;
      }
    }
    for (int k = 0; k < bins; k++) {
      h[k] /= total * width;
    }
    return h;
  }

  /** Adds a weighted histogram of values to the chart as a thin solid step line. */
  public static XYSeries add(XYChart chart, String name, double[] values, double[] weights, double lo, double hi,
      int bins) {
    double[] h = density(values, weights, lo, hi, bins);
    double width = (hi - lo) / bins;
    double[] xs = new double[2 * bins];
    double[] ys = new double[2 * bins];
    for (int k = 0; k < bins; k++) {
      xs[2 * k] = lo + k * width;
      xs[2 * k + 1] = lo + (k + 1) * width;
      ys[2 * k] = h[k];
      ys[2 * k + 1] = h[k];
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineStyle(new java.awt.BasicStroke(1.2f));
    return s;
  }
}
