package io.ebm4j.experiment;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.GaussianMixture;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Kernels;
import io.ebm4j.sample.Resampling;
import io.ebm4j.show.Band;
import io.ebm4j.show.Figure;
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
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import tech.tablesaw.api.Table;

/**
 * The d=50 study of Carbone et al.'s public code (Carbone, Hua, Coste, Vanden-Eijnden, "Efficient Training of
 * Energy-Based Models Using Jarzynski Equality", NeurIPS 2023, https://arxiv.org/abs/2305.19414): target modes at
 * modeA e1 and modeB e1 (weights 1/4, 3/4), a two-mode model with learnable means and log-weights started near the
 * origin (first log-weight frozen), trained by Jarzynski-weighted PCD, PCD (walkers from the data) and the code's
 * "CD" (persistent walkers reset to the data every few iterations, 10x learning rates). Jarzynski recovers the
 * weights and means; the unweighted methods, whose walkers cannot cross between the modes once they separate, do
 * not. Along the way the Jarzynski estimate of log Z gives an estimate of the KL divergence to the target, compared
 * with its exact value.
 *
 * <pre>{@code
 * Result r = new Gmm50dStudy().run(Gmm50dConfig.defaults().with("walkers", 10_000));
 * }</pre>
 */
public final class Gmm50dStudy implements Study<Gmm50dConfig, GaussianMixture> {
  @Override
  public String name() {
    return "gmm-50d";
  }

  @Override
  public String description() {
    return "Carbone et al. 2023 (paper code): d=50 two-mode mixture (weights 1/4, 3/4), Jarzynski vs PCD vs CD";
  }

  @Override
  public Gmm50dConfig defaults() {
    return Gmm50dConfig.defaults();
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
  @Override
  public INDArray data(Gmm50dConfig c, int seed) {
    int d = c.dim();
    int na = (int) Math.floor(c.dataSize() * (1 - c.weightB()));
    INDArray x = Batches.zeros(c.dataSize(), d);
    DoubleBuffer xb = Batches.buffer(x);
    Rng rng = new Rng(7919L * seed + 1);
    for (int i = 0; i < c.dataSize(); i++) {
      for (int j = 0; j < d; j++) {
        xb.put(i * d + j, rng.normal() + (j == 0 ? (i < na ? c.modeA() : c.modeB()) : 0));
      }
    }
    return x;
  }

  /** The model's start: means at -+ initOffset e1 plus N(0, initNoise^2) noise, equal weights. */
  static GaussianMixture start(Gmm50dConfig c, int seed) {
    Rng rng = new Rng(104_729L * seed + 3);
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
  public List<Arm<Gmm50dConfig, GaussianMixture>> arms(Gmm50dConfig c) {
    List<Arm<Gmm50dConfig, GaussianMixture>> arms = new ArrayList<>();
    GaussianMixture truth = target(c);
    for (String m : c.methods()) {
      double factor = m.equals("cd") ? c.cdLearningRateFactor() : 1.0;
      for (double ess : m.equals("jarzynski") ? c.resampleBelowEss() : List.of(Double.NaN)) {
        Arm<Gmm50dConfig, GaussianMixture> arm = Arm.<Gmm50dConfig, GaussianMixture>of(m,
                cell -> start(c, cell.seed()), cell -> method(c, m, ess))
            .tune((cell, t) -> {
              double cStar = truth.energy(cell.data()).meanNumber().doubleValue() + truth.logZ();
              INDArray data = cell.data();
              // SGD with rate 1; the per-group factors are the learning rates
              return t.optimizer(new Sgd(1.0))
                  .scaleGradient("mu*", c.lrMeans() * factor)
                  .scaleGradient("alpha*", c.lrLogWeights() * factor)
                  .freeze("alpha0")
                  .steps(c.steps())
                  .logEvery(c.logEvery())
                  .track("weightB", g -> g.weights()[1])
                  .track("meanErrorA", g -> distance(g.means()[0], unit(c.dim(), c.modeA())))
                  .track("meanErrorB", g -> distance(g.means()[1], unit(c.dim(), c.modeB())))
                  .listen((k, g, est, row) -> {
                    if (row != null) {
                      double meanU = g.energy(data).meanNumber().doubleValue();
                      row.put("klExact", g.logZ() + meanU - cStar);
                      if (row.containsKey("logZRatio")) {
                        row.put("klJarzynski", row.get("logZ") + meanU - cStar);
                      }
                    }
                  });
            });
        arms.add(m.equals("jarzynski") ? arm.tag("resampleBelowEss", ess) : arm);
      }
    }
    return arms;
  }

  private static Method method(Gmm50dConfig c, String m, double resampleBelowEss) {
    var ula = Kernels.ula(c.stepSize());
    return switch (m) {
      case "jarzynski" -> Methods.jarzynski(ula).walkers(c.walkers()).initFromModel()
          .resampleBelowEss(resampleBelowEss).resampling(Resampling.MULTINOMIAL);
      case "pcd" -> Methods.pcd(ula).walkers(c.walkers()).initFromData();
      default -> Methods.pcd(ula).walkers(c.walkers()).initFromData().restartFromDataEvery(c.cdRestartEvery());
    };
  }

  @Override
  public Map<String, Metric<Gmm50dConfig, GaussianMixture>> metrics(Gmm50dConfig c) {
    Map<String, Metric<Gmm50dConfig, GaussianMixture>> m = new LinkedHashMap<>();
    m.put("weightB", (cell, run) -> run.model().weights()[1]);
    m.put("meanErrorA", (cell, run) -> distance(run.model().means()[0], unit(c.dim(), c.modeA())));
    m.put("meanErrorB", (cell, run) -> distance(run.model().means()[1], unit(c.dim(), c.modeB())));
    m.put("klExact", Metric.last("klExact"));
    m.put("klJarzynski", Metric.lastOr("klJarzynski", Double.NaN));
    m.put("resamplings", Metric.lastOr("resamplings", 0));
    return m;
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s);
  }

  /** Smallest value drawn on the log axes (distances and KL): an exact or estimated KL of 0 or below sits there. */
  private static final double LOG_FLOOR = 1e-3;

  @Override
  public Map<String, Function<Runs<Gmm50dConfig, GaussianMixture>, Figure>> figures(Gmm50dConfig c) {
    Map<String, Function<Runs<Gmm50dConfig, GaussianMixture>, Figure>> f = new LinkedHashMap<>();
    f.put("weight-b", runs -> {
      XYChart w = Plots.chart("Weight of the mode at " + c.modeB() + " e1 (" + Plots.over(runs.seeds()) + ")",
          "training step", "learned weight of mode b");
      each(runs, (label, style, h) -> Plots.band(w, label, style, Band.of(h, "step", "weightB")));
      Plots.reference(w, "target weight " + c.weightB(), 0, c.steps(), c.weightB());
      Plots.yRange(w, 0, 1);
      return Figure.of(w);
    });
    f.put("mean-errors", runs -> {
      XYChart e = Plots.chart("Distance of the learned means to the target (" + Plots.over(runs.seeds())
          + ")", "training step", "|\u03BC - \u03BC*| of each mode's mean (log scale, floored at 1e-3)");
      var floor = Plots.atLeast(LOG_FLOOR);
      each(runs, (label, style, h) -> {
        Plots.band(e, label + ", mode a", style, Band.of(h, "step", "meanErrorA", floor));
        Plots.band(e, label + ", mode b", style.variant(3), Band.of(h, "step", "meanErrorB", floor));
      });
      Plots.logY(e);
      return Figure.of(e);
    });
    f.put("kl", runs -> {
      XYChart k = Plots.chart("KL(target || model), exact and estimated (" + Plots.over(runs.seeds())
          + ")", "training step", "KL in nats (log scale; values below 1e-3 drawn at 1e-3)");
      var floor = Plots.atLeast(LOG_FLOOR);
      each(runs, (label, style, h) -> {
        Plots.band(k, label + ", exact", style, Band.of(h, "step", "klExact", floor));
        if (h.get(0).columnNames().contains("klJarzynski")) {
          Plots.band(k, label + ", estimate", style.variant(3), Band.of(h, "step", "klJarzynski", floor));
        }
      });
      Plots.logY(k);
      return Figure.of(k);
    });
    return f;
  }

  /** A consumer of one arm's legend label, style and histories (one per seed). */
  private interface ArmHistories {
    void accept(String label, Palette.Style style, List<Table> histories);
  }

  /** Each arm with its legend label, its method's style (a variant for a second arm of a method) and histories. */
  private static void each(Runs<Gmm50dConfig, GaussianMixture> runs, ArmHistories f) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (List<Trial<Gmm50dConfig, GaussianMixture>> arm : runs.byArm().values()) {
      var a = arm.get(0).arm();
      Object ess = a.tags().get("resampleBelowEss");
      int k = seen.merge(a.label(), 1, Integer::sum) - 1;
      List<Table> h = new ArrayList<>();
      arm.forEach(t -> h.add(t.run().history()));
      f.accept(ess == null ? a.label() : a.label() + " (ESS/N < " + ess + ")", Palette.of(a.label()).variant(k), h);
    }
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("steps", "60", "walkers", "300", "dataSize", "400", "logEvery", "10");
  }

  @Override
  public String report(Gmm50dConfig c) {
    return "Target: unit Gaussians at " + c.modeA() + " e1 and " + c.modeB() + " e1 with weights " + (1 - c.weightB())
        + " and " + c.weightB() + "; model: two unit Gaussians with learnable means and log-weights (first frozen),"
        + " means started at -+" + c.initOffset() + " e1. ULA h = " + c.stepSize() + ", " + c.walkers() + " walkers, "
        + c.steps() + " iterations.\n\nExpected: Jarzynski ends with weightB near " + c.weightB() + " and both means"
        + " near the target; PCD and CD, whose unweighted walkers stay where they first fell, get the weights wrong.";
  }
}
