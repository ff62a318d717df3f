package io.ebm4j.experiment;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Energy;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.energy.GaussianMixture;
import io.ebm4j.energy.SumEnergy;
import io.ebm4j.estimate.GridDensity;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernels;
import io.ebm4j.show.Band;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Landscape;
import io.ebm4j.show.Palette;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Cell;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Study;
import io.ebm4j.study.Trial;
import io.ebm4j.train.Method;
import io.ebm4j.train.Methods;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import tech.tablesaw.api.Table;

/**
 * The Jarzynski method of Carbone, Hua, Coste and Vanden-Eijnden ("Efficient Training of Energy-Based Models Using
 * Jarzynski Equality", NeurIPS 2023, https://arxiv.org/abs/2305.19414) on a neural energy: a 2-D mixture of
 * well-separated Gaussians with unequal weights, learned by U_theta(x) = MLP_theta(x) + |x|^2 / (2 confine^2) with
 * PCD and with Jarzynski-weighted PCD. The MLP's output layer starts at zero, so the initial model is exactly the
 * confining Gaussian and the walkers start at exact draws of it, as the Jarzynski identity requires. Learned mode
 * weights and KL(target || model) are measured exactly by integrating exp(-U) on a grid (each grid point counts for
 * its nearest target mode).
 *
 * <pre>{@code
 * Result r = new Mlp2dStudy().run(Mlp2dConfig.defaults().with("target", "four"));
 * }</pre>
 */
public final class Mlp2dStudy implements Study<Mlp2dConfig, SumEnergy> {
  @Override
  public String name() {
    return "mlp-2d";
  }

  @Override
  public String description() {
    return "Carbone et al. 2023 on a neural energy: 2-D mixture with unequal weights, PCD vs Jarzynski, weights"
        + " measured exactly";
  }

  @Override
  public Mlp2dConfig defaults() {
    return Mlp2dConfig.defaults();
  }

  /** The target mixture of the config. */
  public static GaussianMixture target(Mlp2dConfig c) {
    double s = c.separation() / 2;
    if (c.target().equals("two")) {
      return Energies.mixture(new double[][] {{-s, 0}, {s, 0}}, new double[] {0.2, 0.8});
    }
    return Energies.mixture(new double[][] {{-s, -s}, {s, -s}, {-s, s}, {s, s}}, new double[] {0.1, 0.2, 0.3, 0.4});
  }

  /** The confining Gaussian, the initial model. */
  static Gaussian confinement(Mlp2dConfig c) {
    return Energies.gaussian(new double[] {0, 0}, new double[] {c.confine(), c.confine()});
  }

  /** The model: an MLP with zero output layer plus the confining Gaussian. */
  static SumEnergy model(Mlp2dConfig c, long seed) {
    Mlp mlp = Mlp.builder(2).hidden(c.hidden().stream().mapToInt(Integer::intValue).toArray())
        .activation(Activation.SILU).seed(seed).build();
    int last = c.hidden().get(c.hidden().size() - 1);
    long p = mlp.numParams();
    mlp.params().get(NDArrayIndex.interval(p - last - 1, p)).assign(0);
    return Energies.plus(mlp, confinement(c));
  }

  /** Grid on which weights and KL are measured: the target's box plus 5 standard deviations. */
  static GridDensity grid(Mlp2dConfig c, Energy any) {
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

  /** The model's mass of the grid cells nearest each target mode. */
  static double[] modeWeights(Mlp2dConfig c, Energy model) {
    double[][] means = target(c).means();
    return grid(c, model).masses(x -> nearest(means, x), means.length);
  }

  private static double maxError(double[] learned, double[] w) {
    double e = 0;
    for (int k = 0; k < w.length; k++) {
      e = Math.max(e, Math.abs(learned[k] - w[k]));
    }
    return e;
  }

  @Override
  public INDArray data(Mlp2dConfig c, int seed) {
    return target(c).sample(c.dataSize(), 31L * seed + 5);
  }

  @Override
  public List<Arm<Mlp2dConfig, SumEnergy>> arms(Mlp2dConfig c) {
    double[] w = target(c).weights();
    double[][] means = target(c).means();
    List<Arm<Mlp2dConfig, SumEnergy>> arms = new ArrayList<>();
    for (String m : c.methods()) {
      arms.add(Arm.<Mlp2dConfig, SumEnergy>of(m, cell -> model(c, 1000L + cell.seed()), cell -> method(c, m, cell))
          .tune((cell, t) -> {
            GridDensity truthGrid = grid(c, target(c));
            return t.optimizer(new Adam(new ExponentialSchedule(ScheduleType.ITERATION, c.learningRate(),
                    Math.pow(c.finalLearningRate() / c.learningRate(), 1.0 / Math.max(1, c.steps() - 1)))))
                .batchSize(c.batchSize())
                .steps(c.steps())
                .logEvery(c.logEvery())
                .listen((k, e, est, row) -> {
                  if (row != null) {
                    GridDensity g = grid(c, e);
                    row.put("maxWeightError", maxError(g.masses(x -> nearest(means, x), w.length), w));
                    row.put("kl", truthGrid.kl(g));
                  }
                });
          }));
    }
    return arms;
  }

  /** PCD or Jarzynski with walkers at exact draws of the initial model (the confining Gaussian). */
  private static Method method(Mlp2dConfig c, String m, Cell<Mlp2dConfig> cell) {
    var ula = Kernels.ula(c.stepSize());
    INDArray x0 = confinement(c).sample(c.walkers(), 77L * cell.seed() + 1);
    return m.equals("jarzynski")
        ? Methods.jarzynski(ula).initFrom(x0).resampleBelowEss(c.resampleBelowEss())
            .stepsPerUpdate(c.stepsPerUpdate())
        : Methods.pcd(ula).initFrom(x0).stepsPerUpdate(c.stepsPerUpdate());
  }

  @Override
  public Map<String, Metric<Mlp2dConfig, SumEnergy>> metrics(Mlp2dConfig c) {
    double[] w = target(c).weights();
    Map<String, Metric<Mlp2dConfig, SumEnergy>> m = new LinkedHashMap<>();
    for (int k = 0; k < w.length; k++) {
      final int kk = k;
      m.put(String.format(Locale.ROOT, "w%d (target %.1f)", k, w[k]),
          (cell, run) -> modeWeights(c, run.model())[kk]);
    }
    m.put("maxWeightError", (cell, run) -> maxError(modeWeights(c, run.model()), w));
    m.put("kl", (cell, run) -> grid(c, target(c)).kl(grid(c, run.model())));
    m.put("resamplings", Metric.lastOr("resamplings", 0));
    return m;
  }

  /** Smallest value drawn on the log axes (weight errors and KL). */
  private static final double LOG_FLOOR = 1e-4;

  @Override
  public Map<String, Function<Runs<Mlp2dConfig, SumEnergy>, Figure>> figures(Mlp2dConfig c) {
    Map<String, Function<Runs<Mlp2dConfig, SumEnergy>, Figure>> f = new LinkedHashMap<>();
    f.put("weight-error", runs -> history(c, runs, "maxWeightError",
        "Largest mode-weight error", "max_k |w_k - w*_k| (log scale, floored at 1e-4)"));
    f.put("kl", runs -> history(c, runs, "kl", "KL(target || model) on the grid",
        "KL in nats (log scale, floored at 1e-4)"));
    f.put("landscapes", runs -> {
      List<Landscape.Panel> panels = new ArrayList<>();
      panels.add(new Landscape.Panel(grid(c, target(c)), "target", null, null));
      for (String m : c.methods()) {
        runs.first(m).ifPresent(t -> panels.add(panel(c, t, m)));
      }
      return Landscape.panels("Target and learned densities with the final walkers (seed " + runs.firstSeed()
          + ")", panels);
    });
    f.put("landscape-target", runs -> Landscape.figure(grid(c, target(c)), "target density", null, null));
    for (String m : c.methods()) {
      f.put("landscape-" + m, runs -> {
        var t = runs.first(m).orElseThrow();
        Landscape.Panel p = panel(c, t, m);
        return Landscape.figure(p.grid(), m + ": model density and walkers (seed " + runs.firstSeed() + ")",
            p.positions(), p.weights());
      });
    }
    return f;
  }

  /** A history column of every method, mean and range over seeds, on a log axis. */
  private static Figure history(Mlp2dConfig c, Runs<Mlp2dConfig, SumEnergy> runs, String column, String title,
      String yLabel) {
    XYChart chart = Plots.chart(title + " (" + Plots.over(runs.seeds()) + ")", "training step", yLabel);
    for (String m : c.methods()) {
      List<Table> h = runs.histories(t -> t.arm().label().equals(m));
      if (!h.isEmpty()) {
        Plots.band(chart, m, Palette.of(m), Band.of(h, "step", column, Plots.atLeast(LOG_FLOOR)));
      }
    }
    Plots.logY(chart);
    return Figure.of(chart);
  }

  /** The learned density of a trial with its final walkers (weighted for Jarzynski). */
  private static Landscape.Panel panel(Mlp2dConfig c, Trial<Mlp2dConfig, SumEnergy> t, String m) {
    Chains ch = t.run().walkers();
    double[] weights = null;
    if (m.equals("jarzynski")) {
      INDArray nw = Batches.zeros(ch.size());
      ch.normalizedWeights(nw);
      weights = Batches.toArray(nw);
    }
    return new Landscape.Panel(grid(c, t.run().model()), m.equals("pcd") ? "PCD" : m.equals("jarzynski")
        ? "Jarzynski" : m, Batches.toArray(ch.positions()), weights);
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("steps", "30", "walkers", "300", "dataSize", "500", "batchSize", "200", "logEvery", "10",
        "gridPoints", "41", "hidden", "16,16");
  }

  @Override
  public String report(Mlp2dConfig c) {
    return "Target: " + c.target() + " unit Gaussians " + c.separation() + " apart with unequal weights. Model: MLP "
        + c.hidden() + " (SiLU, float32) plus a fixed Gaussian of standard deviation " + c.confine() + ", output layer"
        + " started at zero so that the walkers start at exact draws of the initial model. Weights are the model's"
        + " masses of the grid cells nearest each target mode.";
  }
}
