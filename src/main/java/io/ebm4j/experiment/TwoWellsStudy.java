package io.ebm4j.experiment;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.TwoWells;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernels;
import io.ebm4j.sample.Resampling;
import io.ebm4j.show.Band;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Histograms;
import io.ebm4j.show.Palette;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Study;
import io.ebm4j.study.Trial;
import io.ebm4j.train.Method;
import io.ebm4j.train.Methods;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import tech.tablesaw.api.Table;

/**
 * The two-well study of Carbone, Hua, Coste and Vanden-Eijnden, "Efficient Training of Energy-Based Models Using
 * Jarzynski Equality", NeurIPS 2023 (https://arxiv.org/abs/2305.19414): data from rho_{z*} with mass q* = 0.8 on
 * mode b, a model U_z started at mass q0, and five ways to train z. Score matching and CD-k learn nothing (the score
 * does not see the mass of a far well), PCD collapses a mode (its walkers never cross, so their split never follows
 * the model), exact maximum likelihood converges to the data's mass, and Jarzynski-weighted PCD recovers the mass
 * and log Z. A negative control starts the Jarzynski walkers 50/50 between the wells instead of at rho_{z0}: the
 * weights then correct the wrong thing and q ends near 0.5.
 *
 * <pre>{@code
 * Result r = new TwoWellsStudy().run(Sweep.of(TwoWellsConfig.defaults()).set("seeds", "0..4"));
 * }</pre>
 */
public final class TwoWellsStudy implements Study<TwoWellsConfig, TwoWells> {
  @Override
  public String name() {
    return "two-wells";
  }

  @Override
  public String description() {
    return "Carbone et al. 2023: score matching, exact ML, CD-k, PCD and Jarzynski-weighted PCD on the two-well toy";
  }

  @Override
  public TwoWellsConfig defaults() {
    return TwoWellsConfig.defaults();
  }

  /** Seed of the data draw for a run seed (data and training use separate streams). */
  static long dataSeed(int seed) {
    return 1_000_003L * seed + 17;
  }

  @Override
  public INDArray data(TwoWellsConfig c, int seed) {
    return Energies.twoWells(c.a(), c.b()).withMassOfB(c.massOfB()).sample(c.dataSize(), dataSeed(seed));
  }

  @Override
  public List<Arm<TwoWellsConfig, TwoWells>> arms(TwoWellsConfig c) {
    TwoWells family = Energies.twoWells(c.a(), c.b());
    List<Arm<TwoWellsConfig, TwoWells>> arms = new ArrayList<>();
    for (String m : c.methods()) {
      boolean walkers = m.equals("pcd") || m.equals("jarzynski") || m.equals("control");
      for (double q0 : m.equals("control") ? List.of(c.controlInitialMass()) : c.initialMasses()) {
        arms.add(Arm.<TwoWellsConfig, TwoWells>of(m, cell -> family.withMassOfB(q0),
                cell -> method(c, m, cell.seed(), family))
            .tag("q0", q0)
            .tune((cell, t) -> {
              t.optimizer(new Sgd(c.learningRate())).steps(c.steps()).logEvery(c.logEvery())
                  .track("massOfB", TwoWells::massOfB);
              return walkers ? t.listen(new WellTracker(family)) : t;
            }));
      }
    }
    return arms;
  }

  private static Method method(TwoWellsConfig c, String m, int seed, TwoWells family) {
    var ula = Kernels.ula(c.stepSize());
    return switch (m) {
      case "score-matching" -> Methods.scoreMatching();
      case "exact" -> Methods.exact();
      case "cd" -> Methods.cd(ula, c.cdSteps());
      case "pcd" -> Methods.pcd(ula).walkers(c.walkers()).initFromModel();
      case "jarzynski" -> Methods.jarzynski(ula).walkers(c.walkers()).resampleBelowEss(c.resampleBelowEss())
          .resampling(Resampling.parse(c.resampling()));
      case "control" -> Methods.jarzynski(ula)
          .initFrom(family.withMassOfB(0.5).sample(c.walkers(), new Rng(dataSeed(seed) + 1)))
          .resampleBelowEss(c.resampleBelowEss()).resampling(Resampling.parse(c.resampling()));
      default -> throw new IllegalArgumentException("unknown method '" + m + "'");
    };
  }

  @Override
  public Map<String, Metric<TwoWellsConfig, TwoWells>> metrics(TwoWellsConfig c) {
    Map<String, Metric<TwoWellsConfig, TwoWells>> m = new LinkedHashMap<>();
    m.put("massOfB", Metric.last("massOfB"));
    m.put("qData", (cell, run) -> fractionInB(run.model(), cell.data()));
    m.put("resamplings", Metric.lastOr("resamplings", 0));
    m.put("minEssFraction", Metric.min("essFraction"));
    m.put("maxAbsLogZError", Metric.maxAbs("logZError"));
    m.put("crossings", Metric.lastOr("crossings", Double.NaN));
    return m;
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

  /** Smallest value drawn on the log axis of the log Z error (exact zeros, e.g. at step 0, are drawn there). */
  private static final double LOG_FLOOR = 1e-6;

  @Override
  public Map<String, Function<Runs<TwoWellsConfig, TwoWells>, Figure>> figures(TwoWellsConfig c) {
    Map<String, Function<Runs<TwoWellsConfig, TwoWells>, Figure>> f = new LinkedHashMap<>();
    for (double q0 : c.initialMasses()) {
      f.put(String.format(Locale.ROOT, "mass-of-b-q0-%s", q0), runs -> massFigure(c, runs, q0));
      if (c.methods().contains("pcd") || c.methods().contains("jarzynski")) {
        f.put(String.format(Locale.ROOT, "walkers-q0-%s", q0), runs -> walkerHistogram(c, runs, q0));
      }
    }
    if (c.methods().contains("jarzynski")) {
      f.put("jarzynski-ess", runs -> jarzynskiFigure(c, runs, "essFraction", "Jarzynski: effective sample size",
          "ESS / N (effective sample size per walker)", false));
      f.put("jarzynski-logz-error", runs -> jarzynskiFigure(c, runs, "logZError",
          "Jarzynski: error of log Z", "|log Z estimate - log Z| (log scale, floored at 1e-6)",
          true));
    }
    return f;
  }

  private static Optional<Trial<TwoWellsConfig, TwoWells>> first(Runs<TwoWellsConfig, TwoWells> runs, String m,
      double q0) {
    return runs.first(m, t -> ((Double) t.arm().tags().get("q0")) == q0);
  }

  /** The histories of method m started at q0, one per seed. */
  private static List<Table> histories(Runs<TwoWellsConfig, TwoWells> runs, String m, double q0) {
    return runs.histories(t -> t.arm().label().equals(m) && ((Double) t.arm().tags().get("q0")) == q0);
  }

  private static Figure massFigure(TwoWellsConfig c, Runs<TwoWellsConfig, TwoWells> runs, double q0) {
    XYChart chart = Plots.chart(String.format(Locale.ROOT, "Mass of mode b in training (q0 = %s; %s)", q0,
        Plots.over(runs.seeds())), "training step", "mass q of mode b");
    List<String> methods = new ArrayList<>(c.methods());
    if (methods.remove("control")) {
      methods.add("control");
    }
    for (String m : methods) {
      List<Table> h = histories(runs, m, q0);
      if (!h.isEmpty()) {
        Plots.band(chart, m.equals("control") ? "control (walkers 50/50)" : m, Palette.of(m),
            Band.of(h, "step", "massOfB"));
      }
    }
    Plots.reference(chart, "target q* = " + c.massOfB(), 0, c.steps(), c.massOfB());
    Plots.yRange(chart, 0, 1);
    return Figure.of(chart);
  }

  private static Figure jarzynskiFigure(TwoWellsConfig c, Runs<TwoWellsConfig, TwoWells> runs, String column,
      String title, String yLabel, boolean log) {
    XYChart chart = Plots.chart(title + " (" + Plots.over(runs.seeds()) + ")", "training step", yLabel);
    int k = 0;
    for (double q0 : c.initialMasses()) {
      List<Table> h = histories(runs, "jarzynski", q0);
      if (!h.isEmpty()) {
        Band b = log ? Band.of(h, "step", column, v -> Plots.atLeast(LOG_FLOOR).applyAsDouble(Math.abs(v)))
            : Band.of(h, "step", column);
        Plots.band(chart, "jarzynski, q0 = " + q0, Palette.of("jarzynski").variant(k++), b);
      }
    }
    if (log) {
      Plots.logY(chart);
    } else {
      Plots.yRange(chart, 0, 1);
    }
    return Figure.of(chart);
  }

  private static Figure walkerHistogram(TwoWellsConfig c, Runs<TwoWellsConfig, TwoWells> runs, double q0) {
    var pcd = first(runs, "pcd", q0);
    var jar = first(runs, "jarzynski", q0);
    double lo = Math.min(c.a(), c.b()) - 5;
    double hi = Math.max(c.a(), c.b()) + 5;
    XYChart chart = Plots.chart(String.format(Locale.ROOT, "Final walkers vs exact densities (q0 = %s, seed %d)",
        q0, runs.firstSeed()), "x", "density \u03C1(x)");
    int points = 801;
    double[] xs = new double[points];
    for (int i = 0; i < points; i++) {
      xs[i] = lo + (hi - lo) * i / (points - 1);
    }
    addDensity(chart, "target \u03C1* (exact)", Energies.twoWells(c.a(), c.b()).withMassOfB(c.massOfB()), xs,
        Palette.REFERENCE);
    pcd.ifPresent(t -> {
      addDensity(chart, "PCD model (exact)", t.run().model(), xs, Palette.of("pcd"));
      Histograms.add(chart, "PCD walkers (histogram)", Batches.toArray(t.run().walkers().positions()), null, lo, hi,
          120).setLineColor(Palette.of("pcd").translucent(0.6));
    });
    jar.ifPresent(t -> {
      addDensity(chart, "Jarzynski model (exact)", t.run().model(), xs, Palette.of("jarzynski"));
      Chains w = t.run().walkers();
      INDArray norm = Batches.zeros(w.size());
      w.normalizedWeights(norm);
      Histograms.add(chart, "Jarzynski walkers (weighted histogram)", Batches.toArray(w.positions()),
          Batches.toArray(norm), lo, hi, 120).setLineColor(Palette.of("jarzynski").translucent(0.6));
    });
    chart.getStyler().setYAxisMin(0.0);
    return Figure.of(chart);
  }

  private static void addDensity(XYChart chart, String name, TwoWells e, double[] xs, Palette.Style style) {
    INDArray u = e.energy(Batches.vector(xs).reshape(xs.length, 1));
    double logZ = e.logZ();
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      ys[i] = Math.exp(-u.getDouble(i) - logZ);
    }
    Plots.styled(chart, name, style, xs, ys);
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("steps", "60", "walkers", "500", "dataSize", "500");
  }

  @Override
  public String report(TwoWellsConfig c) {
    return "Data: n = " + c.dataSize() + " draws with mass " + c.massOfB() + " on mode b = " + c.b() + " (mode a = "
        + c.a() + "). Model U_z with learnable z, started at mass q0; ULA step " + c.stepSize() + ", " + c.walkers()
        + " walkers, plain gradient descent with rate " + c.learningRate() + " for " + c.steps() + " steps.\n\n"
        + "What to look for: score matching and CD-" + c.cdSteps() + " leave q at q0 (no learning); PCD drives q to 1"
        + " (mode collapse, its walkers never cross); exact ML ends at the data's mass qData; Jarzynski ends near q*"
        + " from every q0 with log Z error small at every step; the control (walkers 50/50) ends near 0.5.";
  }
}
