package io.ebm4j.show;

import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * XChart figures from Tablesaw tables, in one call; methods drawn in their {@link Palette} style, histories over
 * seeds as a mean with a min-max band ({@link Band}), log axes for values that span decades.
 *
 * <pre>{@code
 * XYChart c = Plots.history(run, "massOfB");               // a run's history against the step
 * XYChart e = Plots.line(run.history(), "step", "massOfB");
 * XYChart d = Plots.lines(Map.of("pcd", pcd.history(), "jarzynski", jar.history()), "step", "massOfB");
 * XYChart m = Plots.chart("Mass of mode b", "training step k", "q");
 * Plots.band(m, "pcd", Palette.of("pcd"), Band.of(pcdHistoriesOverSeeds, "step", "massOfB"));
 * Plots.yRange(m, 0, 1);
 * Figure.of(m).saveSvg(Path.of("mass.svg"));
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

  /**
   * An empty styled line chart, 800 x 500 (the PNG size at scale 1; {@link Figure#savePng(java.nio.file.Path,
   * double)} gives more pixels): white background, legend outside on the right, the Okabe-Ito colours (see
   * {@link Palette}) for series not styled otherwise, tick labels with a leading zero (0.05, not .05).
   */
  public static XYChart chart(String title, String xLabel, String yLabel) {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
        .build();
    var st = chart.getStyler();
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setMarkerSize(7);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(0xDDDDDD));
    st.setLegendBorderColor(new Color(0xBBBBBB));
    st.setXAxisTickMarkSpacingHint(120);
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    st.setSeriesColors(new Color[] {Palette.BLUE, Palette.VERMILLION, Palette.ORANGE, Palette.BLUISH_GREEN,
        Palette.SKY_BLUE, Palette.REDDISH_PURPLE, Palette.BLACK});
    st.setXAxisDecimalPattern("#,##0.###");
    st.setYAxisDecimalPattern("#,##0.###");
    return chart;
  }

  /**
   * Sets the y axis to [min, max], so that its ticks include both ends (e.g. 0 and 1 for a probability), with
   * labels of up to two decimals and a leading zero.
   */
  public static XYChart yRange(XYChart chart, double min, double max) {
    if (!(max > min)) {
      throw new IllegalArgumentException("yRange needs min < max, got min=" + min + " max=" + max);
    }
    chart.getStyler().setYAxisMin(min).setYAxisMax(max);
    chart.getStyler().setYAxisDecimalPattern("0.0#");
    return chart;
  }

  /**
   * A logarithmic y axis, for values that span decades. Every value drawn must be positive: draw {@code |v|} or
   * {@code max(v, floor)} (see {@link #atLeast}) and say so in the axis title. Call it after adding the series:
   * the axis is set to whole decades around them.
   */
  public static XYChart logY(XYChart chart) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (XYSeries s : chart.getSeriesCollection()) {
      for (double v : s.getYData()) {
        if (v > 0 && v < Double.POSITIVE_INFINITY) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    chart.getStyler().setYAxisLogarithmic(true);
    if (hi > 0) {
      // whole decades, so that the axis always has labelled powers of ten
      chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))))
          .setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi) - 1e-12)));
    }
    return chart;
  }

  /** {@code max(v, floor)} with NaN kept: values for a log axis that may be zero or negative. */
  public static DoubleUnaryOperator atLeast(double floor) {
    if (!(floor > 0) || Double.isInfinite(floor)) {
      throw new IllegalArgumentException("floor must be positive and finite, got " + floor);
    }
    return v -> Double.isNaN(v) ? v : Math.max(v, floor);
  }

  /**
   * Adds a line in a style: the whole line (dashed as the style says) and markers at about ten points, staggered
   * by the style so that curves that coincide keep their markers apart. The legend shows line and marker under
   * {@code name}; the series returned is the legend's (the markers). Curves longer than {@link #MAX_POINTS} are
   * drawn through every k-th point (and the last), which keeps SVG and PDF files small.
   */
  public static XYSeries styled(XYChart chart, String name, Palette.Style style, double[] xs, double[] ys) {
    if (xs.length != ys.length || xs.length == 0) {
      throw new IllegalArgumentException("xs and ys must have the same positive length, got " + xs.length + " and "
          + ys.length);
    }
    int stride = stride(xs.length);
    xs = pick(xs, stride);
    ys = pick(ys, stride);
    XYSeries line = chart.addSeries(name + LINE, xs, ys);
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(style.color());
    line.setLineStyle(style.stroke(LINE_WIDTH));
    line.setShowInLegend(false);
    int n = xs.length;
    int every = Math.max(1, n / MARKERS);
    int phase = (int) ((long) (style.index() % 7) * every / 7);
    double[] marks = new double[n];
    Arrays.fill(marks, Double.NaN);
    for (int i = phase; i < n; i += every) {
      marks[i] = ys[i];
    }
    XYSeries s = chart.addSeries(name, xs, marks);
    s.setMarker(style.marker());
    s.setMarkerColor(style.color());
    s.setLineColor(style.color());
    s.setLineStyle(style.stroke(LINE_WIDTH));
    roundTicks(chart, xs, ys);
    return s;
  }

  /**
   * Adds a shaded band between lo and hi (a filled polygon in the colour, not in the legend), e.g. the range of a
   * quantity over seeds. Steps where lo or hi is NaN are left out; longer than {@link #MAX_POINTS}, the band is
   * thinned to its envelope (min of lo, max of hi) over each window of k steps.
   */
  public static XYSeries fill(XYChart chart, String name, double[] xs, double[] lo, double[] hi, Color colour) {
    if (lo.length != xs.length || hi.length != xs.length) {
      throw new IllegalArgumentException("xs, lo and hi must have the same length, got " + xs.length + ", "
          + lo.length + " and " + hi.length);
    }
    int stride = stride(xs.length);
    lo = envelope(lo, stride, false);
    hi = envelope(hi, stride, true);
    xs = pick(xs, stride);
    int n = xs.length;
    int m = 0;
    for (int i = 0; i < n; i++) {
      m += Double.isNaN(lo[i]) || Double.isNaN(hi[i]) ? 0 : 1;
    }
    double[] px = new double[2 * m];
    double[] py = new double[2 * m];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!(Double.isNaN(lo[i]) || Double.isNaN(hi[i]))) {
        px[k] = xs[i];
        py[k] = hi[i];
        px[2 * m - 1 - k] = xs[i];
        py[2 * m - 1 - k] = lo[i];
        k++;
      }
    }
    XYSeries s = chart.addSeries(name + BAND, px, py);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    s.setFillColor(colour);
    s.setLineStyle(SeriesLines.NONE);
    s.setMarker(SeriesMarkers.NONE);
    s.setShowInLegend(false);
    return s;
  }

  /**
   * Adds a history aggregated over seeds: the band from min to max in the style's colour (when there is more than
   * one seed) and the mean as a {@link #styled} line named name.
   */
  public static XYSeries band(XYChart chart, String name, Palette.Style style, Band band) {
    if (band.hasSpread()) {
      fill(chart, name, band.x(), band.min(), band.max(), style.translucent(0.18));
    }
    return styled(chart, name, style, band.x(), band.mean());
  }

  /** What a seed aggregate shows, for titles: "mean and range, 3 seeds" (line and band), or "seed 0". */
  public static String over(List<Integer> seeds) {
    return seeds.size() > 1 ? "mean and range, " + seeds.size() + " seeds" : "seed " + seeds.get(0);
  }

  /** Adds a dashed black horizontal reference line at y from x0 to x1. */
  public static XYSeries reference(XYChart chart, String name, double x0, double x1, double y) {
    XYSeries s = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(Palette.REFERENCE.color());
    s.setLineStyle(Palette.REFERENCE.stroke(1.5f));
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
      h.setLineColor(new Color(0, 0, 0, 0));
    }
  }

  /** Every k-th point of a long curve is drawn, so that no curve has more than this many (a plot is ~500 px wide). */
  static final int MAX_POINTS = 600;

  /** The k of {@link #MAX_POINTS} for n points. */
  static int stride(int n) {
    return n <= MAX_POINTS ? 1 : (n + MAX_POINTS - 1) / MAX_POINTS;
  }

  /** Points 0, k, 2k... and the last one. */
  static double[] pick(double[] v, int stride) {
    if (stride == 1) {
      return v;
    }
    int n = v.length;
    int m = (n - 1) / stride + 1 + ((n - 1) % stride == 0 ? 0 : 1);
    double[] out = new double[m];
    for (int j = 0; j < m; j++) {
      out[j] = v[Math.min(j * stride, n - 1)];
    }
    return out;
  }

  /**
   * At the points {@link #pick} keeps, the max (or min) over the window up to the next kept point: a band keeps its
   * envelope when thinned. NaN values are left out of a window (NaN when all are).
   */
  static double[] envelope(double[] v, int stride, boolean max) {
    if (stride == 1) {
      return v;
    }
    int n = v.length;
    int m = (n - 1) / stride + 1 + ((n - 1) % stride == 0 ? 0 : 1);
    double[] out = new double[m];
    for (int j = 0; j < m; j++) {
      int from = Math.min(j * stride, n - 1);
      int to = j == m - 1 ? n : Math.min(from + stride, n);
      double e = Double.NaN;
      for (int i = from; i < to; i++) {
        if (!Double.isNaN(v[i])) {
          e = Double.isNaN(e) ? v[i] : max ? Math.max(e, v[i]) : Math.min(e, v[i]);
        }
      }
      out[j] = e;
    }
    return out;
  }

  private static final String HIDDEN = " ";
  private static final String LINE = " \u200Bline";
  private static final String BAND = " \u200Bband";
  private static final int MARKERS = 10;
  private static final float LINE_WIDTH = 1.8f;
}
