package io.ebm4j.show.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.internal.chartpart.IChart;
import tech.tablesaw.api.Table;

/**
 * What a notebook shows for an ebm4j value: MIME type to data, kernel-neutral. The kernel adapters
 * ({@link RapaioDisplayProvider}, {@link IJavaDisplay}) only copy these entries into their own containers.
 *
 * <p>Charts (XChart) become {@code image/png} (base64) with a {@code text/plain} title; tables (Tablesaw) become
 * {@code text/html} with a {@code text/plain} version.
 */
public record MimeBundle(Map<String, String> data) {
  public static final String PNG = "image/png";
  public static final String HTML = "text/html";
  public static final String TEXT = "text/plain";

  public MimeBundle {
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** The bundle for a value this package knows how to show, or empty. */
  public static Optional<MimeBundle> of(Object value) {
    if (value instanceof IChart chart) {
      return Optional.of(ofChart(chart));
    }
    if (value instanceof Table table) {
      return Optional.of(ofTable(table, HtmlTable.DEFAULT_MAX_ROWS));
    }
    if (value instanceof io.ebm4j.train.Run<?> run) {
      return Optional.of(ofRun(run));
    }
    if (value instanceof io.ebm4j.show.Figure f) {
      return Optional.of(ofFigure(f));
    }
    if (value instanceof Displayable d) {
      return Optional.of(d.display());
    }
    return Optional.empty();
  }

  /** A chart as PNG. */
  public static MimeBundle ofChart(IChart chart) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(PNG, ChartImages.pngBase64(chart));
    String title = chart instanceof org.knowm.xchart.internal.chartpart.Chart<?, ?> c ? c.getTitle() : null;
    m.put(TEXT, chart.getClass().getSimpleName() + (title == null || title.isBlank() ? "" : ": " + title));
    return new MimeBundle(m);
  }

  /** A figure as PNG. */
  public static MimeBundle ofFigure(io.ebm4j.show.Figure f) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(PNG, ChartImages.pngBase64(f.image()));
    m.put(TEXT, "Figure: " + f.title());
    return new MimeBundle(m);
  }

  /**
   * A training run as a compact summary: method, steps, wall time, the model, and the last history row (the state
   * the run ended in). The full history is {@code run.history()}.
   */
  public static MimeBundle ofRun(io.ebm4j.train.Run<?> run) {
    Table h = run.history();
    Table last = h.rowCount() == 0 ? h : h.inRange(h.rowCount() - 1, h.rowCount());
    String head = String.format(java.util.Locale.ROOT, "Run: %s, %s steps, %.2f s, seed %s",
        run.provenance().getOrDefault("method", "?"), run.provenance().getOrDefault("steps", "?"), run.seconds(),
        run.provenance().getOrDefault("seed", "?"));
    String model = String.valueOf(run.model());
    Map<String, String> m = new LinkedHashMap<>();
    m.put(HTML, "<div><b>" + HtmlTable.escape(head) + "</b><br/><code>" + HtmlTable.escape(model) + "</code>"
        + HtmlTable.render(last, 1) + "</div>");
    m.put(TEXT, head + "\n" + model + "\n" + HtmlTable.text(last, 1));
    return new MimeBundle(m);
  }

  /** A table as HTML (and text), at most maxRows rows. */
  public static MimeBundle ofTable(Table table, int maxRows) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(HTML, HtmlTable.render(table, maxRows));
    m.put(TEXT, HtmlTable.text(table, maxRows));
    return new MimeBundle(m);
  }
}
