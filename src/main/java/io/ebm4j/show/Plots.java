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
 * XYChart c = Plots.line(run.history(), "step", "massOfB");
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
    return chart;
  }

  /** Adds column y against column x of t as a line series named name. */
  public static XYSeries add(XYChart chart, String name, Table t, String x, String y) {
    double[] xs = ((NumericColumn<?>) t.column(x)).asDoubleArray();
    double[] vs = ((NumericColumn<?>) t.column(y)).asDoubleArray();
    XYSeries s = chart.addSeries(name, xs, vs);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }
}
