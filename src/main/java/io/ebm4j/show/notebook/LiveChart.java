package io.ebm4j.show.notebook;

import io.ebm4j.progress.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training progress as live charts in a notebook cell: one line chart per metric (value against step), shown when
 * training starts and redrawn in place (same display id) every {@code steps} steps and once at the end. Outside a
 * Jupyter kernel (rapaio, or IJava) it does nothing, so the same code runs in tests and scripts.
 *
 * <p>The metrics are those a training run reports to its progress: the tracked columns plus
 * {@code essFraction}, {@code logZError} and {@code acceptance} when the method has them. Naming none charts them
 * all; a named metric the run does not report fails at the first step, naming the reported ones. Non-finite values
 * are left out of the lines.
 *
 * <pre>{@code
 * Run<TwoWells> run = Ebm.train(model).on(data).method(Methods.jarzynski(Kernels.ula(0.1)).walkers(10_000))
 *     .track("massOfB", TwoWells::massOfB).steps(3000)
 *     .progress(LiveChart.every(100, "massOfB", "essFraction"))
 *     .run();
 * }</pre>
 */
public final class LiveChart implements Progress {
  private final int every;
  private final List<String> wanted;
  private final Supplier<Optional<DisplaySink>> sinks;
  private int width = 600;
  private int height = 300;
  private DisplaySink sink;
  private String label = "";
  private long total;
  private long lastDrawn;
  private long lastDone;
  private boolean drawn;
  private boolean dirty;
  private boolean checked;
  private final Map<String, Line> lines = new LinkedHashMap<>();

  /** One metric: its points and chart, and the display showing it (null until shown). */
  private static final class Line {
    final XYChart chart;
    double[] x = new double[16];
    double[] y = new double[16];
    int n;
    String displayId;

    Line(XYChart chart) {
      this.chart = chart;
    }

    void add(double step, double value) {
      if (n == x.length) {
        x = Arrays.copyOf(x, 2 * n);
        y = Arrays.copyOf(y, 2 * n);
      }
      x[n] = step;
      y[n] = value;
      n++;
    }
  }

  LiveChart(int every, List<String> metrics, Supplier<Optional<DisplaySink>> sinks) {
    if (every < 1) {
      throw new IllegalArgumentException("every must be at least 1, got " + every);
    }
    for (String m : metrics) {
      if (m == null || m.isBlank()) {
        throw new IllegalArgumentException("metric names must not be blank, got '" + m + "'");
      }
    }
    this.every = every;
    this.wanted = List.copyOf(metrics);
    this.sinks = sinks;
  }

  /** Charts of the given metrics (none: every reported metric), redrawn every {@code steps} training steps. */
  public static LiveChart every(int steps, String... metrics) {
    return new LiveChart(steps, List.of(metrics), DisplaySinks::current);
  }

  /** The size of each chart in pixels (default 600 x 300). */
  public LiveChart size(int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("size must be positive, got " + width + " x " + height);
    }
    this.width = width;
    this.height = height;
    return this;
  }

  /** The charts as last drawn, one per metric in order (empty outside a kernel): e.g. to save after training. */
  public synchronized List<XYChart> charts() {
    List<XYChart> out = new ArrayList<>();
    for (Line l : lines.values()) {
      out.add(l.chart);
    }
    return out;
  }

  @Override
  public synchronized void start(String label, long total) {
    close();
    this.sink = sinks.get().orElse(null);
    this.label = label == null ? "" : label;
    this.total = total;
    this.lines.clear();
    this.drawn = false;
    this.dirty = false;
    this.checked = false;
  }

  @Override
  public synchronized void step(long done, Map<String, Double> metrics) {
    if (sink == null) {
      return;
    }
    if (!checked) {
      for (String m : wanted) {
        if (!metrics.containsKey(m)) {
          throw new IllegalArgumentException("LiveChart metric '" + m + "' is not reported; reported: "
              + String.join(", ", metrics.keySet()) + " (track(...) a column to report it)");
        }
      }
      checked = true;
    }
    for (String m : wanted.isEmpty() ? metrics.keySet() : wanted) {
      Double v = metrics.get(m);
      Line line = lines.computeIfAbsent(m, this::newLine);
      if (v != null && Double.isFinite(v)) {
        line.add(done, v);
      }
    }
    lastDone = done;
    dirty = true;
    if (!drawn || done >= lastDrawn + every || (total > 0 && done >= total)) {
      draw();
    }
  }

  /** Draws the final state (if not drawn yet) and stops; further steps show nothing until the next start. */
  @Override
  public synchronized void close() {
    if (sink != null && dirty) {
      draw();
    }
    sink = null;
  }

  private Line newLine(String metric) {
    XYChart c = new XYChartBuilder().width(width).height(height).title(metric).xAxisTitle("step")
        .yAxisTitle(metric).build();
    c.getStyler().setLegendVisible(false);
    return new Line(c);
  }

  private void draw() {
    for (Map.Entry<String, Line> e : lines.entrySet()) {
      Line l = e.getValue();
      if (l.n == 0) {
        continue;
      }
      double[] x = Arrays.copyOf(l.x, l.n);
      double[] y = Arrays.copyOf(l.y, l.n);
      if (l.chart.getSeries(e.getKey()) != null) {
        l.chart.updateXYSeries(e.getKey(), x, y, null);
      } else {
        XYSeries s = l.chart.addSeries(e.getKey(), x, y);
        s.setMarker(SeriesMarkers.NONE);
      }
      String where = total > 0 ? lastDone + "/" + total : String.valueOf(lastDone);
      l.chart.setTitle((label.isEmpty() ? "" : label + ": ") + e.getKey() + " (step " + where + ")");
      if (l.displayId == null) {
        l.displayId = sink.show(l.chart);
      } else {
        sink.update(l.displayId, l.chart);
      }
    }
    drawn = true;
    dirty = false;
    lastDrawn = lastDone;
  }
}
