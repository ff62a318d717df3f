package io.ebm4j.experiment;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.energy.GaussianMixture;
import io.ebm4j.energy.SumEnergy;
import io.ebm4j.estimate.GridDensity;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernels;
import io.ebm4j.show.Landscape;
import io.ebm4j.show.Markdown;
import io.ebm4j.show.Plots;
import io.ebm4j.show.progress.Progress;
import io.ebm4j.train.Method;
import io.ebm4j.train.Methods;
import io.ebm4j.train.Run;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Seed 000's method on a neural energy: a 2-D mixture of well-separated Gaussians with unequal weights, learned by
 * U_theta(x) = MLP_theta(x) + |x|^2 / (2 confine^2) with PCD and with Jarzynski-weighted PCD. The MLP's output layer
 * starts at zero, so the initial model is exactly the confining Gaussian and the walkers start at exact draws of
 * it, as the Jarzynski identity requires. Learned mode weights and KL(target || model) are measured exactly by
 * integrating exp(-U) on a grid (each grid point counts for its nearest target mode).
 *
 * <pre>{@code
 * Result r = new Mlp2dStudy().run(Mlp2dConfig.defaults());
 * }</pre>
 */
public final class Mlp2dStudy implements Experiment<Mlp2dConfig> {
  private Progress progress = Progress.silent();

  /** Shows progress of each training run (default silent). */
  public Mlp2dStudy progress(Progress p) {
    this.progress = p == null ? Progress.silent() : p;
    return this;
  }

  @Override
  public String name() {
    return "mlp-2d";
  }

  @Override
  public String description() {
    return "seed 000 on a neural energy: 2-D mixture with unequal weights, PCD vs Jarzynski, weights measured exactly";
  }

  @Override
  public Mlp2dConfig defaults() {
    return Mlp2dConfig.defaults();
  }

  @Override
  public Class<Mlp2dConfig> configType() {
    return Mlp2dConfig.class;
  }

  /** The target mixture of the config. */
  public static GaussianMixture target(Mlp2dConfig c) {
    double s = c.separation() / 2;
    if (c.target().equals("two")) {
      return Energies.mixture(new double[][] {{-s, 0}, {s, 0}}, new double[] {0.2, 0.8});
    }
    return Energies.mixture(new double[][] {{-s, -s}, {s, -s}, {-s, s}, {s, s}}, new double[] {0.1, 0.2, 0.3, 0.4});
  }

  /** The model: an MLP with zero output layer plus the confining Gaussian. */
  static SumEnergy model(Mlp2dConfig c, long seed) {
    Mlp mlp = Mlp.builder(2).hidden(c.hidden().stream().mapToInt(Integer::intValue).toArray())
        .activation(Activation.SILU).seed(seed).build();
    int last = c.hidden().get(c.hidden().size() - 1);
    long p = mlp.numParams();
    mlp.params().get(NDArrayIndex.interval(p - last - 1, p)).assign(0);
    Gaussian wide = Energies.gaussian(new double[] {0, 0}, new double[] {c.confine(), c.confine()});
    return Energies.plus(mlp, wide);
  }

  /** Grid on which weights and KL are measured: the target's box plus 4 standard deviations. */
  static GridDensity grid(Mlp2dConfig c, io.ebm4j.energy.Energy any) {
    double r = c.separation() / 2 + 5;
    return GridDensity.of(any, new double[] {-r, -r}, new double[] {r, r}, c.gridPoints());
  }

  /** Index of the target mode nearest to x. */
  static int nearest(double[][] means, double[] x) {
    int best = 0;
    double bd = Double.POSITIVE_INFINITY;
    for (int k = 0; k < means.length; k++) {
      double d = 0;
      for (int j = 0; j < x.length; j++) {
        d += (x[j] - means[k][j]) * (x[j] - means[k][j]);
      }
      if (d < bd) {
        bd = d;
        best = k;
      }
    }
    return best;
  }

  @Override
  public Result run(Mlp2dConfig c) {
    GaussianMixture truth = target(c);
    double[][] means = truth.means();
    double[] w = truth.weights();
    GridDensity truthGrid = grid(c, truth);
    StringColumn method = StringColumn.create("method");
    IntColumn seeds = IntColumn.create("seed");
    DoubleColumn err = DoubleColumn.create("maxWeightError");
    DoubleColumn kl = DoubleColumn.create("kl");
    DoubleColumn res = DoubleColumn.create("resamplings");
    DoubleColumn secs = DoubleColumn.create("seconds");
    Map<String, DoubleColumn> weightCols = new LinkedHashMap<>();
    for (int k = 0; k < w.length; k++) {
      weightCols.put("w" + k, DoubleColumn.create(String.format(Locale.ROOT, "w%d (target %.1f)", k, w[k])));
    }
    Map<String, Table> histories = new LinkedHashMap<>();
    Map<String, Run> firstRuns = new LinkedHashMap<>();
    for (int seed : c.seeds()) {
      INDArray data = truth.sample(c.dataSize(), 31L * seed + 5);
      for (String m : c.methods()) {
        Run run = train(c, m, seed, data, means, w, truthGrid);
        Table h = run.history();
        histories.put(m + "-seed" + seed, h);
        if (seed == c.seeds().get(0)) {
          firstRuns.put(m, run);
        }
        GridDensity g = grid(c, run.model());
        double[] learned = g.masses(x -> nearest(means, x), means.length);
        double e = 0;
        for (int k = 0; k < w.length; k++) {
          e = Math.max(e, Math.abs(learned[k] - w[k]));
          weightCols.get("w" + k).append(learned[k]);
        }
        method.append(m);
        seeds.append(seed);
        err.append(e);
        kl.append(truthGrid.kl(g));
        res.append(h.columnNames().contains("resamplings") ? h.doubleColumn("resamplings").get(h.rowCount() - 1) : 0);
        secs.append(run.seconds());
      }
    }
    Table summary = Table.create("summary", method, seeds);
    weightCols.values().forEach(summary::addColumns);
    summary.addColumns(err, kl, res, secs);
    Map<String, Chart<?, ?>> figures = new LinkedHashMap<>();
    XYChart we = Plots.chart("Largest mode-weight error during training (seed " + c.seeds().get(0) + ")", "step",
        "max_k |w_k - w*_k|");
    XYChart klc = Plots.chart("KL(target || model) on the grid", "step", "KL");
    for (Map.Entry<String, Run> en : firstRuns.entrySet()) {
      Plots.add(we, en.getKey(), en.getValue().history(), "step", "maxWeightError");
      Plots.add(klc, en.getKey(), en.getValue().history(), "step", "kl");
    }
    figures.put("weight-error", we);
    figures.put("kl", klc);
    Map<String, BufferedImage> images = new LinkedHashMap<>();
    images.put("landscape-target", Landscape.of(truthGrid, "target density", null, null));
    for (Map.Entry<String, Run> en : firstRuns.entrySet()) {
      Chains ch = en.getValue().walkers();
      INDArray nw = Batches.zeros(ch.size());
      ch.normalizedWeights(nw);
      images.put("landscape-" + en.getKey(), Landscape.of(grid(c, en.getValue().model()),
          en.getKey() + ": model density and walkers" + (en.getKey().equals("jarzynski") ? " (opacity = weight)" : ""),
          Batches.toArray(ch.positions()), en.getKey().equals("jarzynski") ? Batches.toArray(nw) : null));
    }
    Map<String, String> config = ConfigText.of(c);
    return new Result(name(), summary, histories, figures, images, report(c, summary, config), config);
  }

  private Run train(Mlp2dConfig c, String m, int seed, INDArray data, double[][] means, double[] w,
      GridDensity truthGrid) {
    SumEnergy start = model(c, 1000L + seed);
    var ula = Kernels.ula(c.stepSize());
    Method method = m.equals("jarzynski")
        ? Methods.jarzynski(ula).walkers(c.walkers()).initFromModel().resampleBelowEss(c.resampleBelowEss())
            .stepsPerUpdate(c.stepsPerUpdate())
        : Methods.pcd(ula).walkers(c.walkers()).initFromModel().stepsPerUpdate(c.stepsPerUpdate());
    Gaussian wide = (Gaussian) start.fixed();
    INDArray x0 = wide.sample(c.walkers(), 77L * seed + 1);
    method = m.equals("jarzynski") ? ((io.ebm4j.train.JarzynskiPcd) method).initFrom(x0)
        : ((io.ebm4j.train.PersistentContrastiveDivergence) method).initFrom(x0);
    return Ebm.train(start)
        .on(data)
        .method(method)
        .optimizer(new Adam(new ExponentialSchedule(ScheduleType.ITERATION, c.learningRate(),
            Math.pow(c.finalLearningRate() / c.learningRate(), 1.0 / Math.max(1, c.steps() - 1)))))
        .batchSize(c.batchSize())
        .steps(c.steps())
        .seed(seed)
        .logEvery(c.logEvery())
        .label(m + " seed=" + seed)
        .progress(progress)
        .listen((k, e, est, row) -> {
          if (row != null) {
            GridDensity g = grid(c, e);
            double[] learned = g.masses(x -> nearest(means, x), means.length);
            double err = 0;
            for (int q = 0; q < w.length; q++) {
              err = Math.max(err, Math.abs(learned[q] - w[q]));
            }
            row.put("maxWeightError", err);
            row.put("kl", truthGrid.kl(g));
          }
        })
        .run();
  }

  private static String report(Mlp2dConfig c, Table summary, Map<String, String> config) {
    StringBuilder sb = new StringBuilder("# mlp-2d: unequal mode weights with a neural energy\n\n");
    sb.append("Target: ").append(c.target()).append(" unit Gaussians ").append(c.separation())
        .append(" apart with unequal weights. Model: MLP ").append(c.hidden())
        .append(" (SiLU, float32) plus a fixed Gaussian of standard deviation ").append(c.confine())
        .append(", output layer started at zero so that the walkers start at exact draws of the initial model. ")
        .append("Weights are the model's masses of the grid cells nearest each target mode.\n\n## Summary\n\n")
        .append(Markdown.table(summary)).append("\n## Configuration\n\n");
    config.forEach((k, v) -> sb.append("- ").append(k).append(" = ").append(v).append('\n'));
    return sb.toString();
  }
}
