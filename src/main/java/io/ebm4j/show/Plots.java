package io.ebm4j.show;

import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * XChart figures from Tablesaw tables, in one call.
 *
 * <pre>{@code
 * XYChart c = Plots.history(run, "massOfB");               // a run's history against the step
 * XYChart e = Plots.line(run.history(), "step", "massOfB");
 * XYChart d = Plots.lines(Map.of("pcd", pcd.history(), "jarzynski", jar.history()), "step", "massOfB");
 * Figures.savePng(c, Path.of("mass.png"));
 * }</pre>
 */
public final class Plots {
  private Plots() {}

  /** A chart with one line per y column against column x. */
  public static XYChart line(Table t, String x, String... ys) {
    XYChart chart = chart(t.name(), x, ys.length == 1 ? ys[0] : "value");
    for (String y : ys) {
      add(chart, y, t, x, y);
    }
    return chart;
  }

  /** A chart of a training run's history columns against the step, titled by the run's label. */
  public static XYChart history(io.ebm4j.train.Run<?> run, String... columns) {
    return line(run.history(), "step", columns);
  }

  /** A chart with one line per table (legend = map key) of column y against column x. */
  public static XYChart lines(Map<String, Table> tables, String x, String y) {
    XYChart chart = chart(y + " vs " + x, x, y);
    for (Map.Entry<String, Table> en : tables.entrySet()) {
      add(chart, en.getKey(), en.getValue(), x, y);
    }
    return chart;
  }

  /** An empty styled line chart. */
  public static XYChart chart(String title, String xLabel, String yLabel) {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
        .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setXAxisTickMarkSpacingHint(120);
    chart.getStyler().setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
    return chart;
  }

  /** Adds a dashed horizontal reference line at y from x0 to x1. */
  public static XYSeries reference(XYChart chart, String name, double x0, double x1, double y) {
    XYSeries s = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(java.awt.Color.BLACK);
    s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
        10f, new float[] {6f, 4f}, 0f));
    return s;
  }

  /** Adds column y against column x of t as a line series named name. */
  public static XYSeries add(XYChart chart, String name, Table t, String x, String y) {
    double[] xs = ((NumericColumn<?>) t.column(x)).asDoubleArray();
    double[] vs = ((NumericColumn<?>) t.column(y)).asDoubleArray();
    XYSeries s = chart.addSeries(name, xs, vs);
    s.setMarker(SeriesMarkers.NONE);
    roundTicks(chart, xs, vs);
    return s;
  }

  /**
   * XChart labels only every k-th data value when all x values of a chart are equally spaced (e.g. 0, 153, 306...).
   * One hidden point half-way between the first two values breaks the spacing, so ticks fall on round numbers.
   */
  static void roundTicks(XYChart chart, double[] xs, double[] vs) {
    if (xs.length > 20 && chart.getSeriesCollection().stream().noneMatch(x -> x.getName().equals(HIDDEN))) {
      XYSeries h = chart.addSeries(HIDDEN, new double[] {0.5 * (xs[0] + xs[1])}, new double[] {vs[0]});
      h.setMarker(SeriesMarkers.NONE);
      h.setShowInLegend(false);
      h.setLineColor(new java.awt.Color(0, 0, 0, 0));
    }
  }

  private static final String HIDDEN = " ";
}
