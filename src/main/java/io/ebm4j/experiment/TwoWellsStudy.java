package io.ebm4j.experiment;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernels;
import io.ebm4j.sample.Resampling;
import io.ebm4j.show.Histograms;
import io.ebm4j.show.Markdown;
import io.ebm4j.show.Plots;
import io.ebm4j.show.progress.Progress;
import io.ebm4j.train.Method;
import io.ebm4j.train.Methods;
import io.ebm4j.train.Run;
import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Seed 000's two-well study: data from rho_{z*} with mass q* = 0.8 on mode b, a model U_z started at mass q0, and
 * five ways to train z. Score matching and CD-k learn nothing (the score does not see the mass of a far well), PCD
 * collapses a mode (its walkers never cross, so their 50/50 or 20/80 split never follows the model), exact maximum
 * likelihood converges to the data's mass, and Jarzynski-weighted PCD recovers the mass and log Z. A negative
 * control starts the Jarzynski walkers 50/50 between the wells instead of at rho_{z0}: the weights then correct
 * the wrong thing and q ends near 0.5.
 *
 * <pre>{@code
 * Result r = new TwoWellsStudy().run(TwoWellsConfig.defaults());
 * r.summary();
 * }</pre>
 */
public final class TwoWellsStudy implements Experiment<TwoWellsConfig> {
  private Progress progress = Progress.silent();

  /** Shows progress of each training run (default silent). */
  public TwoWellsStudy progress(Progress p) {
    this.progress = p == null ? Progress.silent() : p;
    return this;
  }

  @Override
  public String name() {
    return "two-wells";
  }

  @Override
  public String description() {
    return "seed 000: score matching, exact ML, CD-k, PCD and Jarzynski-weighted PCD on the two-well toy";
  }

  @Override
  public TwoWellsConfig defaults() {
    return TwoWellsConfig.defaults();
  }

  @Override
  public Class<TwoWellsConfig> configType() {
    return TwoWellsConfig.class;
  }

  /** Key of one run's history: method, initial mass and seed. */
  public static String key(String method, double q0, int seed) {
    return String.format(Locale.ROOT, "%s-q0-%s-seed%d", method, q0, seed);
  }

  @Override
  public Result run(TwoWellsConfig c) {
    StringColumn method = StringColumn.create("method");
    DoubleColumn q0s = DoubleColumn.create("q0");
    IntColumn seeds = IntColumn.create("seed");
    DoubleColumn qFinal = DoubleColumn.create("massOfB");
    DoubleColumn qData = DoubleColumn.create("qData");
    DoubleColumn resamplings = DoubleColumn.create("resamplings");
    DoubleColumn minEss = DoubleColumn.create("minEssFraction");
    DoubleColumn maxLogZ = DoubleColumn.create("maxAbsLogZError");
    DoubleColumn crossings = DoubleColumn.create("crossings");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    Map<String, Table> histories = new LinkedHashMap<>();
    Map<String, Run> firstSeedRuns = new LinkedHashMap<>();
    TwoWells family = Energies.twoWells(c.a(), c.b());
    for (int seed : c.seeds()) {
      TwoWells truth = family.withMassOfB(c.massOfB());
      INDArray data = truth.sample(c.dataSize(), dataSeed(seed));
      double qd = fractionInB(truth, data);
      for (String m : c.methods()) {
        for (double q0 : m.equals("control") ? java.util.List.of(c.controlInitialMass()) : c.initialMasses()) {
          Run run = train(c, m, q0, seed, data, family);
          String key = key(m, q0, seed);
          histories.put(key, run.history());
          if (seed == c.seeds().get(0)) {
            firstSeedRuns.put(key, run);
          }
          Table h = run.history();
          method.append(m);
          q0s.append(q0);
          seeds.append(seed);
          qFinal.append(last(h, "massOfB"));
          qData.append(qd);
          resamplings.append(has(h, "resamplings") ? last(h, "resamplings") : 0);
          minEss.append(has(h, "essFraction") ? ((NumericColumn<?>) h.column("essFraction")).min() : Double.NaN);
          maxLogZ.append(has(h, "logZError") ? h.doubleColumn("logZError").abs().max() : Double.NaN);
          crossings.append(has(h, "crossings") ? last(h, "crossings") : Double.NaN);
          seconds.append(run.seconds());
        }
      }
    }
    Table summary = Table.create("summary", method, q0s, seeds, qFinal, qData, resamplings, minEss, maxLogZ,
        crossings, seconds);
    Map<String, Chart<?, ?>> figures = figures(c, firstSeedRuns);
    Map<String, String> config = ConfigText.of(c);
    return new Result(name(), summary, histories, figures, Map.of(), report(c, summary, config), config);
  }

  /** Seed of the data draw for a run seed (data and training use separate streams). */
  static long dataSeed(int seed) {
    return 1_000_003L * seed + 17;
  }

  private Run train(TwoWellsConfig c, String m, double q0, int seed, INDArray data, TwoWells family) {
    TwoWells start = family.withMassOfB(q0);
    Method method = method(c, m, seed, family);
    WellTracker tracker = new WellTracker(start);
    return Ebm.train(start)
        .on(data)
        .method(method)
        .optimizer(new Sgd(c.learningRate()))
        .steps(c.steps())
        .seed(seed)
        .logEvery(c.logEvery())
        .label(m + " q0=" + q0 + " seed=" + seed)
        .progress(progress)
        .track("massOfB", e -> ((TwoWells) e).massOfB())
        .listen(m.equals("pcd") || m.equals("jarzynski") || m.equals("control") ? tracker : (k, e, est, row) -> { })
        .run();
  }

  private static Method method(TwoWellsConfig c, String m, int seed, TwoWells family) {
    var ula = Kernels.ula(c.stepSize());
    switch (m) {
      case "score-matching":
        return Methods.scoreMatching();
      case "exact":
        return Methods.exact();
      case "cd":
        return Methods.cd(ula, c.cdSteps());
      case "pcd":
        return Methods.pcd(ula).walkers(c.walkers()).initFromModel();
      case "jarzynski":
        return Methods.jarzynski(ula).walkers(c.walkers()).resampleBelowEss(c.resampleBelowEss())
            .resampling(Resampling.parse(c.resampling()));
      case "control": {
        INDArray balanced = family.withMassOfB(0.5).sample(c.walkers(), new Rng(dataSeed(seed) + 1));
        return Methods.jarzynski(ula).initFrom(balanced).resampleBelowEss(c.resampleBelowEss())
            .resampling(Resampling.parse(c.resampling()));
      }
      default:
        throw new IllegalArgumentException("unknown method '" + m + "'");
    }
  }

  /** Fraction of the rows of x in well b. */
  static double fractionInB(TwoWells w, INDArray x) {
    DoubleBuffer b = Batches.buffer(x);
    int n = (int) x.rows();
    int in = 0;
    for (int i = 0; i < n; i++) {
      in += w.inWellB(b, i) ? 1 : 0;
    }
    return (double) in / n;
  }

  private static boolean has(Table t, String col) {
    return t.columnNames().contains(col);
  }

  private static double last(Table t, String col) {
    return ((NumericColumn<?>) t.column(col)).getDouble(t.rowCount() - 1);
  }

  private Map<String, Chart<?, ?>> figures(TwoWellsConfig c, Map<String, Run> runs) {
    Map<String, Chart<?, ?>> f = new LinkedHashMap<>();
    int seed = c.seeds().get(0);
    for (double q0 : c.initialMasses()) {
      XYChart chart = Plots.chart(String.format(Locale.ROOT, "Mass of mode b during training (q0 = %s, seed %d)",
          q0, seed), "step", "mass of mode b");
      for (String m : c.methods()) {
        Run r = runs.get(key(m, q0, seed));
        if (r != null && !m.equals("control")) {
          Plots.add(chart, m, r.history(), "step", "massOfB");
        }
      }
      Run ctl = runs.get(key("control", q0, seed));
      if (ctl != null) {
        Plots.add(chart, "control (walkers 50/50)", ctl.history(), "step", "massOfB");
      }
      Plots.reference(chart, "target q*", 0, c.steps(), c.massOfB());
      f.put(String.format(Locale.ROOT, "mass-of-b-q0-%s", q0), chart);
      XYChart hist = walkerHistogram(c, runs, q0, seed);
      if (hist != null) {
        f.put(String.format(Locale.ROOT, "walkers-q0-%s", q0), hist);
      }
    }
    XYChart ess = Plots.chart("Jarzynski: effective sample size", "step", "ESS / N");
    XYChart logz = Plots.chart("Jarzynski: log Z estimate minus exact log Z", "step", "log Z error");
    boolean any = false;
    for (double q0 : c.initialMasses()) {
      Run r = runs.get(key("jarzynski", q0, seed));
      if (r != null) {
        Plots.add(ess, "q0 = " + q0, r.history(), "step", "essFraction");
        Plots.add(logz, "q0 = " + q0, r.history(), "step", "logZError");
        any = true;
      }
    }
    if (any) {
      f.put("jarzynski-ess", ess);
      f.put("jarzynski-logz-error", logz);
    }
    return f;
  }

  private static XYChart walkerHistogram(TwoWellsConfig c, Map<String, Run> runs, double q0, int seed) {
    Run pcd = runs.get(key("pcd", q0, seed));
    Run jar = runs.get(key("jarzynski", q0, seed));
    if (pcd == null && jar == null) {
      return null;
    }
    double lo = Math.min(c.a(), c.b()) - 5;
    double hi = Math.max(c.a(), c.b()) + 5;
    XYChart chart = Plots.chart(String.format(Locale.ROOT, "Final walkers vs exact densities (q0 = %s)", q0), "x",
        "density");
    int points = 801;
    double[] xs = new double[points];
    for (int i = 0; i < points; i++) {
      xs[i] = lo + (hi - lo) * i / (points - 1);
    }
    addDensity(chart, "target rho*", Energies.twoWells(c.a(), c.b()).withMassOfB(c.massOfB()), xs)
        .setLineColor(java.awt.Color.BLACK);
    if (pcd != null) {
      addDensity(chart, "PCD model", (TwoWells) pcd.model(), xs);
      Histograms.add(chart, "PCD walkers", Batches.toArray(pcd.walkers().positions()), null, lo, hi, 120);
    }
    if (jar != null) {
      addDensity(chart, "Jarzynski model", (TwoWells) jar.model(), xs);
      Chains w = jar.walkers();
      INDArray norm = Batches.zeros(w.size());
      w.normalizedWeights(norm);
      Histograms.add(chart, "Jarzynski walkers (weighted)", Batches.toArray(w.positions()), Batches.toArray(norm),
          lo, hi, 120);
    }
    return chart;
  }

  private static XYSeries addDensity(XYChart chart, String name, TwoWells e, double[] xs) {
    INDArray u = e.energy(Batches.vector(xs).reshape(xs.length, 1));
    double logZ = e.logZ();
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      ys[i] = Math.exp(-u.getDouble(i) - logZ);
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  private static String report(TwoWellsConfig c, Table summary, Map<String, String> config) {
    StringBuilder sb = new StringBuilder();
    sb.append("# two-wells: training a two-mode mixture (seed 000)\n\n");
    sb.append("Data: n = ").append(c.dataSize()).append(" draws with mass ").append(c.massOfB())
        .append(" on mode b = ").append(c.b()).append(" (mode a = ").append(c.a()).append("). ")
        .append("Model U_z with learnable z, started at mass q0; ULA step ").append(c.stepSize())
        .append(", ").append(c.walkers()).append(" walkers, plain gradient descent with rate ")
        .append(c.learningRate()).append(" for ").append(c.steps()).append(" steps.\n\n");
    sb.append("What to look for: score matching and CD-").append(c.cdSteps())
        .append(" leave q at q0 (no learning); PCD drives q to 1 (mode collapse, its walkers never cross);")
        .append(" exact ML ends at the data's mass qData; Jarzynski ends near q* from every q0 with log Z error")
        .append(" small at every step; the control (walkers 50/50) ends near 0.5.\n\n");
    sb.append("## Summary\n\n").append(Markdown.table(summary)).append('\n');
    sb.append("## Configuration\n\n");
    config.forEach((k, v) -> sb.append("- ").append(k).append(" = ").append(v).append('\n'));
    return sb.toString();
  }
}
