package io.ebm4j.experiment;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.GaussianMixture;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Kernels;
import io.ebm4j.sample.Resampling;
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
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The d=50 study of Carbone et al.'s public code: target modes at modeA e1 and modeB e1 (weights 1/4, 3/4), a
 * two-mode model with learnable means and log-weights started near the origin (first log-weight frozen), trained
 * by Jarzynski-weighted PCD, PCD (walkers from the data) and the code's "CD" (persistent walkers reset to the data
 * every few iterations, 10x learning rates). Jarzynski recovers the weights and means; the unweighted methods,
 * whose walkers cannot cross between the modes once they separate, do not. Along the way the Jarzynski estimate of
 * log Z gives an estimate of the KL divergence to the target, compared with its exact value.
 *
 * <pre>{@code
 * Result r = new Gmm50dStudy().run(Gmm50dConfig.defaults().withWalkers(10_000));
 * }</pre>
 */
public final class Gmm50dStudy implements Experiment<Gmm50dConfig> {
  private Progress progress = Progress.silent();

  /** Shows progress of each training run (default silent). */
  public Gmm50dStudy progress(Progress p) {
    this.progress = p == null ? Progress.silent() : p;
    return this;
  }

  @Override
  public String name() {
    return "gmm-50d";
  }

  @Override
  public String description() {
    return "seed 000 / paper code: d=50 two-mode mixture (weights 1/4, 3/4), Jarzynski vs PCD vs CD";
  }

  @Override
  public Gmm50dConfig defaults() {
    return Gmm50dConfig.defaults();
  }

  @Override
  public Class<Gmm50dConfig> configType() {
    return Gmm50dConfig.class;
  }

  /** History key of a run. */
  public static String key(String method, double threshold, int seed) {
    return method.equals("jarzynski") ? String.format(Locale.ROOT, "jarzynski-cv2-%s-seed%d", threshold, seed)
        : method + "-seed" + seed;
  }

  /** The target mixture. */
  static GaussianMixture target(Gmm50dConfig c) {
    return Energies.mixture(new double[][] {unit(c.dim(), c.modeA()), unit(c.dim(), c.modeB())},
        new double[] {1 - c.weightB(), c.weightB()});
  }

  private static double[] unit(int d, double v) {
    double[] x = new double[d];
    x[0] = v;
    return x;
  }

  /** Data split exactly between the modes: floor(n (1 - weightB)) points in mode a, the rest in mode b. */
  static INDArray data(Gmm50dConfig c, long seed) {
    int d = c.dim();
    int na = (int) Math.floor(c.dataSize() * (1 - c.weightB()));
    INDArray x = Batches.zeros(c.dataSize(), d);
    DoubleBuffer xb = Batches.buffer(x);
    Rng rng = new Rng(seed);
    for (int i = 0; i < c.dataSize(); i++) {
      for (int j = 0; j < d; j++) {
        xb.put(i * d + j, rng.normal() + (j == 0 ? (i < na ? c.modeA() : c.modeB()) : 0));
      }
    }
    return x;
  }

  /** The model's start: means at -+ initOffset e1 plus N(0, initNoise^2) noise, equal weights. */
  static GaussianMixture start(Gmm50dConfig c, long seed) {
    Rng rng = new Rng(seed);
    double[][] m = new double[2][c.dim()];
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < c.dim(); j++) {
        m[k][j] = c.initNoise() * rng.normal();
      }
    }
    m[0][0] = -c.initOffset();
    m[1][0] = c.initOffset();
    return Energies.mixture(m, new double[] {0.5, 0.5});
  }

  @Override
  public Result run(Gmm50dConfig c) {
    StringColumn method = StringColumn.create("method");
    DoubleColumn thr = DoubleColumn.create("cv2Threshold");
    IntColumn seeds = IntColumn.create("seed");
    DoubleColumn wB = DoubleColumn.create("weightB");
    DoubleColumn errA = DoubleColumn.create("meanErrorA");
    DoubleColumn errB = DoubleColumn.create("meanErrorB");
    DoubleColumn kl = DoubleColumn.create("klExact");
    DoubleColumn klJ = DoubleColumn.create("klJarzynski");
    DoubleColumn res = DoubleColumn.create("resamplings");
    DoubleColumn secs = DoubleColumn.create("seconds");
    Map<String, Table> histories = new LinkedHashMap<>();
    GaussianMixture truth = target(c);
    for (int seed : c.seeds()) {
      INDArray data = data(c, 7919L * seed + 1);
      double cStar = truth.energy(data).meanNumber().doubleValue() + truth.logZ();
      for (String m : c.methods()) {
        for (double t : m.equals("jarzynski") ? c.weightVarianceThresholds() : java.util.List.of(Double.NaN)) {
          Run run = train(c, m, t, seed, data, cStar);
          histories.put(key(m, t, seed), run.history());
          GaussianMixture g = (GaussianMixture) run.model();
          Table h = run.history();
          int last = h.rowCount() - 1;
          method.append(m);
          thr.append(t);
          seeds.append(seed);
          wB.append(g.weights()[1]);
          errA.append(distance(g.means()[0], unit(c.dim(), c.modeA())));
          errB.append(distance(g.means()[1], unit(c.dim(), c.modeB())));
          kl.append(h.doubleColumn("klExact").get(last));
          klJ.append(h.columnNames().contains("klJarzynski") ? h.doubleColumn("klJarzynski").get(last) : Double.NaN);
          res.append(h.columnNames().contains("resamplings") ? h.doubleColumn("resamplings").get(last) : 0);
          secs.append(run.seconds());
        }
      }
    }
    Table summary = Table.create("summary", method, thr, seeds, wB, errA, errB, kl, klJ, res, secs);
    Map<String, String> config = ConfigText.of(c);
    return new Result(name(), summary, histories, figures(c, histories), Map.of(), report(c, summary, config), config);
  }

  private Run train(Gmm50dConfig c, String m, double threshold, int seed, INDArray data, double cStar) {
    GaussianMixture start = start(c, 104_729L * seed + 3);
    int d = c.dim();
    double factor = m.equals("cd") ? c.cdLearningRateFactor() : 1.0;
    var ula = Kernels.ula(c.stepSize());
    Method method = switch (m) {
      case "jarzynski" -> Methods.jarzynski(ula).walkers(c.walkers()).initFromModel()
          .resampleBelowEss(1.0 / (1.0 + threshold)).resampling(Resampling.MULTINOMIAL);
      case "pcd" -> Methods.pcd(ula).walkers(c.walkers()).initFromData();
      default -> Methods.pcd(ula).walkers(c.walkers()).initFromData().restartFromDataEvery(c.cdRestartEvery());
    };
    // SGD with rate 1; the per-group factors below are the learning rates
    return Ebm.train(start)
        .on(data)
        .method(method)
        .optimizer(new Sgd(1.0))
        .scaleGradient(0, 2 * d, c.lrMeans() * factor)
        .scaleGradient(2 * d, 2 * d + 2, c.lrLogWeights() * factor)
        .freeze(2 * d)
        .steps(c.steps())
        .seed(seed)
        .logEvery(c.logEvery())
        .label(m + " seed=" + seed)
        .progress(progress)
        .track("weightB", e -> ((GaussianMixture) e).weights()[1])
        .track("meanErrorA", e -> distance(((GaussianMixture) e).means()[0], unit(d, c.modeA())))
        .track("meanErrorB", e -> distance(((GaussianMixture) e).means()[1], unit(d, c.modeB())))
        .listen((k, e, est, row) -> {
          if (row != null) {
            double meanU = e.energy(data).meanNumber().doubleValue();
            row.put("klExact", ((GaussianMixture) e).logZ() + meanU - cStar);
            if (row.containsKey("logZRatio")) {
              row.put("klJarzynski", row.get("logZ") + meanU - cStar);
            }
          }
        })
        .run();
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s);
  }

  private static Map<String, Chart<?, ?>> figures(Gmm50dConfig c, Map<String, Table> h) {
    Map<String, Chart<?, ?>> f = new LinkedHashMap<>();
    int seed = c.seeds().get(0);
    XYChart w = Plots.chart("Weight of the mode at " + c.modeB() + " e1 (seed " + seed + ")", "step", "weight");
    XYChart e = Plots.chart("Distance of the learned means to the target means (seed " + seed + ")", "step",
        "Euclidean distance");
    XYChart k = Plots.chart("KL(target || model): exact and Jarzynski estimate (seed " + seed + ")", "step", "KL");
    for (String m : c.methods()) {
      for (double t : m.equals("jarzynski") ? c.weightVarianceThresholds() : java.util.List.of(Double.NaN)) {
        Table t0 = h.get(key(m, t, seed));
        String label = m.equals("jarzynski") ? "jarzynski (cv2 > " + t + ")" : m;
        Plots.add(w, label, t0, "step", "weightB");
        Plots.add(e, label + " mode a", t0, "step", "meanErrorA");
        Plots.add(e, label + " mode b", t0, "step", "meanErrorB");
        Plots.add(k, label + " exact", t0, "step", "klExact");
        if (t0.columnNames().contains("klJarzynski")) {
          Plots.add(k, label + " Jarzynski estimate", t0, "step", "klJarzynski");
        }
      }
    }
    Plots.reference(w, "target", 0, c.steps(), c.weightB());
    f.put("weight-b", w);
    f.put("mean-errors", e);
    f.put("kl", k);
    return f;
  }

  private static String report(Gmm50dConfig c, Table summary, Map<String, String> config) {
    StringBuilder sb = new StringBuilder("# gmm-50d: a two-mode mixture in 50 dimensions (seed 000, paper code)\n\n");
    sb.append("Target: unit Gaussians at ").append(c.modeA()).append(" e1 and ").append(c.modeB())
        .append(" e1 with weights ").append(1 - c.weightB()).append(" and ").append(c.weightB())
        .append("; model: two unit Gaussians with learnable means and log-weights (first frozen), means started at")
        .append(" -+").append(c.initOffset()).append(" e1. ULA h = ").append(c.stepSize()).append(", ")
        .append(c.walkers()).append(" walkers, ").append(c.steps()).append(" iterations.\n\n")
        .append("Expected: Jarzynski ends with weightB near ").append(c.weightB())
        .append(" and both means near the target; PCD and CD, whose unweighted walkers stay where they first fell,")
        .append(" get the weights wrong.\n\n## Summary\n\n").append(Markdown.table(summary))
        .append("\n## Configuration\n\n");
    config.forEach((k, v) -> sb.append("- ").append(k).append(" = ").append(v).append('\n'));
    return sb.toString();
  }
}
