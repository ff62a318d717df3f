package io.ebm4j.study;

import io.ebm4j.show.Figure;
import io.ebm4j.show.notebook.ChartImages;
import io.ebm4j.show.notebook.Displayable;
import io.ebm4j.show.notebook.HtmlTable;
import io.ebm4j.show.notebook.MimeBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What a study produced: the summary (one row per setting, arm and seed), its aggregate over seeds (mean, sd, min,
 * max per setting and arm), named tables (run histories), named figures and a markdown report. Names are checked:
 * an unknown table or figure fails, naming the known ones. Results of several runs or studies merge into one.
 *
 * <pre>{@code
 * Result r = new TwoWellsStudy().run(Sweep.of(TwoWellsConfig.defaults()).seeds(0, 1));
 * r.figureNames();                         // [mass-of-b-q0-0.5, walkers-q0-0.5, ...]
 * r.figure("mass-of-b-q0-0.5").xy();       // the XChart chart
 * r.save(Path.of("out"));                  // PNGs, CSVs, summary.csv, aggregate.csv, report.md
 * Result both = r.merge(other);            // one summary with a "study" column
 * Result.compare("massOfB", List.of(r, other));  // mean +- sd per arm, one series per result
 * }</pre>
 */
public final class Result implements Displayable {
  private final String name;
  private final String description;
  private final Table summary;
  private final Table aggregate;
  private final Map<String, Table> tables;
  private final Map<String, Figure> figures;
  private final String report;
  private final Map<String, String> settings;

  /** A result; maps keep their order. */
  public Result(String name, String description, Table summary, Table aggregate, Map<String, Table> tables,
      Map<String, Figure> figures, String report, Map<String, String> settings) {
    this.name = name;
    this.description = description;
    this.summary = summary;
    this.aggregate = aggregate;
    this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    this.figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    this.report = report;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** The study's name (or the merged names). */
  public String name() {
    return name;
  }

  /** One line saying what was run. */
  public String description() {
    return description;
  }

  /** One row per (setting, arm, seed). */
  public Table summary() {
    return summary;
  }

  /** One row per (setting, arm): the number of seeds, and mean, sd, min and max of every summary number. */
  public Table aggregate() {
    return aggregate;
  }

  /** All named tables (run histories), in order. */
  public Map<String, Table> tables() {
    return tables;
  }

  /** All named figures, in order. */
  public Map<String, Figure> figures() {
    return figures;
  }

  /** The markdown report. */
  public String report() {
    return report;
  }

  /** The settings the result was computed with, as text. */
  public Map<String, String> settings() {
    return settings;
  }

  /** Names of the tables. */
  public Set<String> tableNames() {
    return tables.keySet();
  }

  /** Names of the figures. */
  public Set<String> figureNames() {
    return figures.keySet();
  }

  /** The named table; unknown names fail, naming the known ones. */
  public Table table(String key) {
    Table t = tables.get(key);
    if (t == null) {
      throw new IllegalArgumentException("no table '" + key + "' in " + name + "; tables: "
          + String.join(", ", tables.keySet()));
    }
    return t;
  }

  /** The named figure; unknown names fail, naming the known ones. */
  public Figure figure(String key) {
    Figure f = figures.get(key);
    if (f == null) {
      throw new IllegalArgumentException("no figure '" + key + "' in " + name + "; figures: "
          + String.join(", ", figures.keySet()));
    }
    return f;
  }

  /** Writes every figure (PNG), table (CSV), summary.csv, aggregate.csv and report.md into dir, atomically. */
  public List<Path> save(Path dir) {
    try {
      return ResultWriter.write(this, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write results to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * This result and another as one: summaries and aggregates stacked with a leading "study" column (columns missing
   * on one side are NaN or empty), tables and figures under both names (prefixed "name/" where names clash).
   */
  public Result merge(Result other) {
    Map<String, Table> t = new LinkedHashMap<>();
    Map<String, Figure> f = new LinkedHashMap<>();
    boolean clash = name.equals(other.name);
    String a = clash ? name + "#1" : name;
    String b = clash ? other.name + "#2" : other.name;
    for (var en : tables.entrySet()) {
      t.put(a + "/" + en.getKey(), en.getValue());
    }
    for (var en : other.tables.entrySet()) {
      t.put(b + "/" + en.getKey(), en.getValue());
    }
    for (var en : figures.entrySet()) {
      f.put(a + "/" + en.getKey(), en.getValue());
    }
    for (var en : other.figures.entrySet()) {
      f.put(b + "/" + en.getKey(), en.getValue());
    }
    Map<String, String> s = new LinkedHashMap<>();
    settings.forEach((k, v) -> s.put(a + "." + k, v));
    other.settings.forEach((k, v) -> s.put(b + "." + k, v));
    return new Result(a + "+" + b, description + "; " + other.description, stack(summary, a, other.summary, b),
        stack(aggregate, a, other.aggregate, b), t, f, report + "\n\n" + other.report, s);
  }

  /**
   * One chart comparing results: for each arm, the mean of a summary column over seeds with its sd as an error bar,
   * one series per result (e.g. two sweeps, or a study before and after a change).
   */
  public static Figure compare(String column, List<Result> results) {
    if (results == null || results.isEmpty()) {
      throw new IllegalArgumentException("compare needs at least one result");
    }
    CategoryChart chart = new CategoryChartBuilder().width(800).height(500).title(column + ": mean and sd over seeds")
        .xAxisTitle("arm").yAxisTitle(column).build();
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    java.util.Set<String> used = new java.util.HashSet<>();
    for (Result r : results) {
      Table s = r.summary;
      String series = r.name;
      for (int k = 2; !used.add(series); k++) {
        series = r.name + " #" + k;
      }
      if (!s.columnNames().contains(column)) {
        throw new IllegalArgumentException("result " + r.name + " has no summary column '" + column + "'; columns: "
            + String.join(", ", s.columnNames()));
      }
      Map<String, List<Double>> byArm = new LinkedHashMap<>();
      for (int i = 0; i < s.rowCount(); i++) {
        byArm.computeIfAbsent(armLabel(s, i), k -> new ArrayList<>())
            .add(((NumericColumn<?>) s.column(column)).getDouble(i));
      }
      List<String> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> es = new ArrayList<>();
      byArm.forEach((arm, v) -> {
        double m = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = v.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
        xs.add(arm);
        ys.add(m);
        es.add(v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0.0);
      });
      chart.addSeries(series, xs, ys, es);
    }
    return Figure.of(chart);
  }

  private static String armLabel(Table s, int row) {
    StringBuilder sb = new StringBuilder();
    for (String c : s.columnNames()) {
      if (c.equals("seed") || c.equals("seconds")) {
        break;
      }
      if (!c.equals("study")) {
        sb.append(sb.length() == 0 ? "" : " ").append(s.column(c).getString(row));
      }
    }
    return sb.toString();
  }

  /** Two tables stacked with a leading "study" column; numeric columns stay numeric where both sides are. */
  static Table stack(Table x, String xName, Table y, String yName) {
    Set<String> names = new LinkedHashSet<>();
    names.addAll(x.columnNames());
    names.addAll(y.columnNames());
    names.remove("study");
    Table out = Table.create(x.name());
    StringColumn study = StringColumn.create("study");
    for (int i = 0; i < x.rowCount(); i++) {
      study.append(x.columnNames().contains("study") ? x.stringColumn("study").get(i) : xName);
    }
    for (int i = 0; i < y.rowCount(); i++) {
      study.append(y.columnNames().contains("study") ? y.stringColumn("study").get(i) : yName);
    }
    out.addColumns(study);
    for (String c : names) {
      boolean numeric = numericOrAbsent(x, c) && numericOrAbsent(y, c);
      if (numeric) {
        DoubleColumn col = DoubleColumn.create(c);
        appendNumbers(col, x, c);
        appendNumbers(col, y, c);
        out.addColumns(col);
      } else {
        StringColumn col = StringColumn.create(c);
        appendText(col, x, c);
        appendText(col, y, c);
        out.addColumns(col);
      }
    }
    return out;
  }

  private static boolean numericOrAbsent(Table t, String c) {
    return !t.columnNames().contains(c) || t.column(c) instanceof NumericColumn<?>;
  }

  private static void appendNumbers(DoubleColumn col, Table t, String c) {
    boolean has = t.columnNames().contains(c);
    for (int i = 0; i < t.rowCount(); i++) {
      col.append(has ? ((NumericColumn<?>) t.column(c)).getDouble(i) : Double.NaN);
    }
  }

  private static void appendText(StringColumn col, Table t, String c) {
    boolean has = t.columnNames().contains(c);
    Column<?> src = has ? t.column(c) : null;
    for (int i = 0; i < t.rowCount(); i++) {
      col.append(has ? src.getString(i) : "");
    }
  }

  /** In a notebook: the name, the summary and the first figures inline. */
  @Override
  public MimeBundle display() {
    StringBuilder html = new StringBuilder("<div><b>").append(HtmlTable.escape(name)).append("</b>: ")
        .append(HtmlTable.escape(description)).append(HtmlTable.render(summary, 40));
    int shown = 0;
    for (Map.Entry<String, Figure> en : figures.entrySet()) {
      if (shown++ == 6) {
        html.append("<p>").append(figures.size() - 6).append(" more figures: result.figureNames()</p>");
        break;
      }
      html.append("<img title=\"").append(HtmlTable.escape(en.getKey())).append("\" src=\"data:image/png;base64,")
          .append(ChartImages.pngBase64(en.getValue().image())).append("\"/>");
    }
    html.append("</div>");
    Map<String, String> m = new LinkedHashMap<>();
    m.put(MimeBundle.HTML, html.toString());
    m.put(MimeBundle.TEXT, toString());
    return new MimeBundle(m);
  }

  @Override
  public String toString() {
    return "Result[" + name + ": " + summary.rowCount() + " runs, " + tables.size() + " tables, " + figures.size()
        + " figures]";
  }
}
