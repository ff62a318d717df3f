package io.ebm4j.experiment;

import io.ebm4j.energy.Energies;
import io.ebm4j.energy.Energy;
import io.ebm4j.energy.Gaussian;
import io.ebm4j.energy.IsotropicMixture;
import io.ebm4j.energy.SumEnergy;
import io.ebm4j.estimate.GridDensity;
import io.ebm4j.flow.FlowPcd;
import io.ebm4j.flow.RealNvp;
import io.ebm4j.nd.Batches;
import io.ebm4j.nn.Activation;
import io.ebm4j.nn.Mlp;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Kernels;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Landscape;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Cell;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Study;
import io.ebm4j.study.Trial;
import io.ebm4j.train.Method;
import io.ebm4j.train.Methods;
import io.ebm4j.train.Run;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import tech.tablesaw.api.NumericColumn;

/**
 * The balanced-training experiment of Grenioux, Moulines and Gabrie ("Balanced Training of Energy-Based Models with
 * Adaptive Flow Sampling", 2023, https://arxiv.org/abs/2306.00684): a 2-D mixture with unequal weights learned by
 * U_theta(x) = MLP_theta(x) + |x|^2 / (2 confine^2) by maximum likelihood with two negative phases, (i) persistent
 * ULA walkers and (ii) flow-MCMC walkers (one flow independent Metropolis-Hastings move and one MALA step per update,
 * {@link FlowPcd}) with a companion Real NVP adapted alongside by forward KL on the walkers. ULA walkers cannot
 * cross between modes, so the learned weights follow wherever they happen to sit; flow-MCMC walkers rebalance, so
 * the learned weights approach the target's. Weights of the learned energy are measured exactly by integrating
 * exp(-U) on a grid (each grid point counts for its nearest target mode), at the end and at every logged step.
 *
 * <pre>{@code
 * Result r = new FlowMcmcTrainingStudy().run(Sweep.of(FlowMcmcTrainingConfig.defaults()).seeds(0, 1, 2));
 * r.aggregate();   // maxWeightError, meanLateWeightError, imhAcceptance per method
 * }</pre>
 *
 * The companion flows are kept by this study object for its figures: the figure of the companion flow needs the
 * local engine (the other figures and all metrics work on any engine).
 */
public final class FlowMcmcTrainingStudy implements Study<FlowMcmcTrainingConfig, SumEnergy> {
  private final Map<String, RealNvp> companions = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "flow-mcmc-training";
  }

  @Override
  public String description() {
    return "Grenioux et al. 2023: an MLP energy on a 2-D mixture with unequal weights, ULA vs flow-MCMC negatives,"
        + " weights measured exactly";
  }

  @Override
  public FlowMcmcTrainingConfig defaults() {
    return FlowMcmcTrainingConfig.defaults();
  }

  /** The target mixture of a configuration. */
  public static IsotropicMixture target(FlowMcmcTrainingConfig c) {
    double s = c.separation() / 2;
    if (c.target().equals("two")) {
      return IsotropicMixture.of(new double[][] {{-s, 0}, {s, 0}}, new double[] {0.2, 0.8}, c.sd());
    }
    return IsotropicMixture.square(s, c.sd(), new double[] {0.1, 0.2, 0.3, 0.4});
  }

  /** The confining Gaussian, the initial model. */
  static Gaussian confinement(FlowMcmcTrainingConfig c) {
    return Energies.gaussian(new double[] {0, 0}, new double[] {c.confine(), c.confine()});
  }

  /** The model: an MLP whose output layer starts at zero, plus the confining Gaussian. */
  public static SumEnergy model(FlowMcmcTrainingConfig c, long seed) {
    Mlp mlp = Mlp.builder(2).hidden(c.hidden().stream().mapToInt(Integer::intValue).toArray())
        .activation(Activation.SILU).seed(seed).build();
    int last = c.hidden().get(c.hidden().size() - 1);
    long p = mlp.numParams();
    mlp.params().get(NDArrayIndex.interval(p - last - 1, p)).assign(0);
    return Energies.plus(mlp, confinement(c));
  }

  /** The companion flow of a configuration, the identity map at the start. */
  public static RealNvp flow(FlowMcmcTrainingConfig c, long seed) {
    return RealNvp.builder(2).blocks(c.flowBlocks()).hidden(c.flowHidden().stream().mapToInt(Integer::intValue)
        .toArray()).logScaleBound(3).seed(seed).build();
  }

  /** Grid on which weights are integrated: the target's box plus 6 standard deviations. */
  static GridDensity grid(FlowMcmcTrainingConfig c, Energy e) {
    double r = c.separation() / 2 + 6 * c.sd();
    return GridDensity.of(e, new double[] {-r, -r}, new double[] {r, r}, c.gridPoints());
  }

  /** The exact mode weights of an energy: its mass of the grid cells nearest each target mode. */
  public static double[] modeWeights(FlowMcmcTrainingConfig c, Energy e) {
    IsotropicMixture t = target(c);
    return grid(c, e).masses(t::nearest, t.components());
  }

  /** max_k |learned_k - w_k| of an energy. */
  public static double weightError(FlowMcmcTrainingConfig c, Energy e) {
    double[] w = target(c).weights();
    double[] l = modeWeights(c, e);
    double err = 0;
    for (int k = 0; k < w.length; k++) {
      err = Math.max(err, Math.abs(l[k] - w[k]));
    }
    return err;
  }

  @Override
  public INDArray data(FlowMcmcTrainingConfig c, int seed) {
    return target(c).sample(c.dataSize(), new Rng(io.ebm4j.study.Seeds.stream(name(), "data", seed)));
  }

  @Override
  public List<Arm<FlowMcmcTrainingConfig, SumEnergy>> arms(FlowMcmcTrainingConfig c) {
    List<Arm<FlowMcmcTrainingConfig, SumEnergy>> arms = new ArrayList<>();
    for (String m : c.methods()) {
      arms.add(Arm.<FlowMcmcTrainingConfig, SumEnergy>of(m, cell -> model(c, cell.stream("model")),
              cell -> method(m, cell))
          .tune((cell, t) -> t.optimizer(new Adam(new ExponentialSchedule(ScheduleType.ITERATION, c.learningRate(),
                  Math.pow(c.finalLearningRate() / c.learningRate(), 1.0 / Math.max(1, c.steps() - 1)))))
              .batchSize(c.batchSize())
              .steps(c.steps())
              .logEvery(c.logEvery())
              .listen(new CpuClock())
              .listen((k, e, est, row) -> {
                if (row != null) {
                  double[] l = modeWeights(c, e);
                  double[] w = target(c).weights();
                  double err = 0;
                  for (int q = 0; q < w.length; q++) {
                    row.put("w" + q, l[q]);
                    err = Math.max(err, Math.abs(l[q] - w[q]));
                  }
                  row.put("maxWeightError", err);
                  if (est.chains() != null) {
                    double[] s = target(c).shares(est.chains().positions());
                    double se = 0;
                    for (int q = 0; q < w.length; q++) {
                      se = Math.max(se, Math.abs(s[q] - w[q]));
                    }
                    row.put("walkerShareError", se);
                  }
                }
              })));
    }
    return arms;
  }

  /** Key of a cell's companion flow. */
  private static String key(Cell<FlowMcmcTrainingConfig> cell) {
    return cell.config() + "|" + cell.setting() + "|" + cell.seed();
  }

  /** The companion flow trained by this study object in a finished cell of the "flow" arm (local engine only). */
  public RealNvp companion(Cell<FlowMcmcTrainingConfig> cell) {
    RealNvp f = companions.get(key(cell));
    if (f == null) {
      throw new IllegalArgumentException("no companion flow for seed " + cell.seed() + " of " + cell.arm()
          + " (only flow-arm cells run by this study object on the local engine keep one)");
    }
    return f;
  }

  /** ULA-PCD or flow-MCMC PCD, walkers at exact draws of the initial model (the confining Gaussian). */
  private Method method(String m, Cell<FlowMcmcTrainingConfig> cell) {
    FlowMcmcTrainingConfig c = cell.config();
    INDArray x0 = confinement(c).sample(c.walkers(), new Rng(cell.stream("walkers")));
    if (m.equals("ula")) {
      return Methods.pcd(Kernels.ula(c.stepSize())).initFrom(x0);
    }
    RealNvp f = flow(c, cell.stream("flow"));
    companions.put(key(cell), f);
    return FlowPcd.of(f, Kernels.mala(c.stepSize())).initFrom(x0).flowLearningRate(c.flowLearningRate());
  }

  /** Mean of a history column over the rows of the second half of training. */
  static double lateMean(Run<?> run, String column) {
    if (!run.has(column)) {
      return Double.NaN;
    }
    NumericColumn<?> step = (NumericColumn<?>) run.history().column("step");
    NumericColumn<?> v = (NumericColumn<?>) run.history().column(column);
    double last = step.getDouble(step.size() - 1);
    double s = 0;
    int n = 0;
    for (int i = 0; i < v.size(); i++) {
      if (step.getDouble(i) >= last / 2) {
        s += v.getDouble(i);
        n++;
      }
    }
    return s / n;
  }

  @Override
  public Map<String, Metric<FlowMcmcTrainingConfig, SumEnergy>> metrics(FlowMcmcTrainingConfig c) {
    double[] w = target(c).weights();
    Map<String, Metric<FlowMcmcTrainingConfig, SumEnergy>> m = new LinkedHashMap<>();
    for (int k = 0; k < w.length; k++) {
      final int kk = k;
      m.put(String.format(Locale.ROOT, "w%d (target %.1f)", k, w[k]), (cell, run) -> modeWeights(c, run.model())[kk]);
    }
    m.put("maxWeightError", (cell, run) -> weightError(c, run.model()));
    m.put("meanLateWeightError", (cell, run) -> lateMean(run, "maxWeightError"));
    m.put("maxLateWeightError", (cell, run) -> {
      NumericColumn<?> step = (NumericColumn<?>) run.history().column("step");
      NumericColumn<?> v = (NumericColumn<?>) run.history().column("maxWeightError");
      double last = step.getDouble(step.size() - 1);
      double mx = 0;
      for (int i = 0; i < v.size(); i++) {
        if (step.getDouble(i) >= last / 2) {
          mx = Math.max(mx, v.getDouble(i));
        }
      }
      return mx;
    });
    m.put("imhAcceptance", (cell, run) -> lateMean(run, "imhAcceptance"));
    m.put("secondsPer1000Steps", (cell, run) -> 1000 * run.seconds() / c.steps());
    m.put("cpuSecondsPer1000Steps", (cell, run) -> 1000 * run.last("cpuSeconds") / run.last("step"));
    return m;
  }

  /**
   * CPU time of the training thread since the first step, as the history column "cpuSeconds" (wall time on a loaded
   * machine says little about the cost of a step; ND4J with one OpenMP thread computes on the calling thread).
   */
  static final class CpuClock implements io.ebm4j.train.StepListener<SumEnergy> {
    private final java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
    private long start = -1;

    @Override
    public void onStep(int step, SumEnergy model, io.ebm4j.train.Estimator est, Map<String, Double> row) {
      long now = bean.getCurrentThreadCpuTime();
      if (start < 0) {
        start = now;
      }
      if (row != null) {
        row.put("cpuSeconds", (now - start) / 1e9);
      }
    }
  }

  /** -log q as an energy, to draw a flow's density on the grid. */
  static Energy asEnergy(RealNvp flow) {
    return new Energy() {
      @Override
      public int dim() {
        return flow.dim();
      }

      @Override
      public void evaluate(INDArray x, INDArray u, INDArray g) {
        INDArray lq = flow.logDensity(x);
        DoubleBuffer ub = Batches.buffer(u);
        double[] v = Batches.toArray(lq);
        for (int i = 0; i < v.length; i++) {
          ub.put(i, -v[i]);
        }
      }
    };
  }

  private static double[] positions(Trial<FlowMcmcTrainingConfig, SumEnergy> t) {
    return Batches.toArray(t.run().walkers().positions());
  }

  @Override
  public Map<String, Function<Runs<FlowMcmcTrainingConfig, SumEnergy>, Figure>> figures(FlowMcmcTrainingConfig c) {
    Map<String, Function<Runs<FlowMcmcTrainingConfig, SumEnergy>, Figure>> f = new LinkedHashMap<>();
    f.put("weight-error", runs -> {
      XYChart ch = Plots.chart("Largest mode-weight error of the learned energy (exact, on the grid), every seed",
          "step", "max_k |w_k - w*_k|");
      for (String m : c.methods()) {
        for (var t : runs.arm(m)) {
          Plots.add(ch, m + " seed " + t.cell().seed(), t.run().history(), "step", "maxWeightError");
        }
      }
      return Figure.of(ch);
    });
    f.put("a-target", runs -> Figure.of(Landscape.of(grid(c, target(c)), "(a) target density", null, null),
        "(a) target density"));
    if (c.methods().contains("ula")) {
      f.put("b-ula-energy", runs -> {
        String title = "(b) ULA-trained EBM (seed " + runs.firstSeed() + ")";
        return Figure.of(Landscape.of(grid(c, runs.first("ula").orElseThrow().run().model()), title, null, null),
            title);
      });
      f.put("c-ula-chains", runs -> {
        var t = runs.first("ula").orElseThrow();
        String title = "(c) ULA chains on the ULA-trained EBM (seed " + runs.firstSeed() + ")";
        return Figure.of(Landscape.of(grid(c, t.run().model()), title, positions(t), null), title);
      });
    }
    f.put("d-data", runs -> {
      String title = "(d) training data on the target (seed " + runs.firstSeed() + ")";
      double[] d = Batches.toArray(data(c, runs.firstSeed()));
      return Figure.of(Landscape.of(grid(c, target(c)), title, d, null), title);
    });
    if (c.methods().contains("flow")) {
      f.put("e-companion-flow", runs -> {
        var t = runs.first("flow").orElseThrow();
        String title = "(e) companion flow of the flow-MCMC run (seed " + runs.firstSeed() + ")";
        return Figure.of(Landscape.of(grid(c, asEnergy(companion(t.cell()))), title, null, null), title);
      });
      f.put("f-flow-energy", runs -> {
        String title = "(f) flow-MCMC-trained EBM (seed " + runs.firstSeed() + ")";
        return Figure.of(Landscape.of(grid(c, runs.first("flow").orElseThrow().run().model()), title, null, null),
            title);
      });
      f.put("g-flow-chains", runs -> {
        var t = runs.first("flow").orElseThrow();
        String title = "(g) flow-MCMC chains on the flow-trained EBM (seed " + runs.firstSeed() + ")";
        return Figure.of(Landscape.of(grid(c, t.run().model()), title, positions(t), null), title);
      });
    }
    return f;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("steps", "30", "walkers", "64", "dataSize", "500", "batchSize", "64", "hidden", "16,16", "flowHidden", "16", "logEvery", "10", "gridPoints", "41");
  }

  @Override
  public String report(FlowMcmcTrainingConfig c) {
    return "Target: " + (c.target().equals("two") ? "two Gaussians of sd " + c.sd() + " at distance "
        + c.separation() + ", weights 0.2 / 0.8" : "four Gaussians of sd " + c.sd() + " at (+-" + c.separation() / 2
        + ", +-" + c.separation() / 2 + "), weights 0.1 / 0.2 / 0.3 / 0.4") + ". Model: MLP " + c.hidden()
        + " (SiLU) plus a fixed Gaussian of sd " + c.confine() + "; " + c.walkers() + " persistent walkers started at"
        + " exact draws of it; " + c.steps() + " Adam steps, batch " + c.batchSize() + ". ula: one ULA step (h = "
        + c.stepSize() + ") per update. flow: one flow-IMH move and one MALA step (h = " + c.stepSize() + ") per"
        + " update, companion Real NVP (" + c.flowBlocks() + " blocks, " + c.flowHidden() + ") adapted by one"
        + " forward-KL Adam step on the walkers. Weights are the learned energy's exact masses (grid integration) of"
        + " the cells nearest each target mode; meanLateWeightError averages the error over the checkpoints of the"
        + " second half, since a single final value of a wandering error can look good by chance.";
  }
}
