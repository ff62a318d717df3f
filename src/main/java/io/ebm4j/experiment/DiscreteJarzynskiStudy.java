package io.ebm4j.experiment;

import io.ebm4j.discrete.BinaryChains;
import io.ebm4j.discrete.BinaryEnergy;
import io.ebm4j.discrete.DiscreteKernel;
import io.ebm4j.discrete.DiscreteKernels;
import io.ebm4j.discrete.GrayCode;
import io.ebm4j.discrete.GrayCodedMixture;
import io.ebm4j.discrete.Scan;
import io.ebm4j.estimate.GridDensity;
import io.ebm4j.estimate.WeightSummary;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Resampling;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Landscape;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Cell;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Seeds;
import io.ebm4j.study.Study;
import io.ebm4j.train.Run;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The fully discrete example of Carbone, Hua, Coste, Vanden-Eijnden, "Efficient Training of Energy-Based Models Using
 * Jarzynski Equality", NeurIPS 2023, https://arxiv.org/abs/2305.19414: the state space is [0, 1]^2 quantised to 16
 * bits per coordinate and Gray-coded (|X| = 2^32), energies act on the decoded point, and walkers move by Metropolis
 * single-bit flips. The target has two narrow bumps with weights 0.2 and 0.8 far apart; a flip reflects one
 * coordinate, so going from one bump to the other needs two flips through a region some 50 nats higher, and walkers
 * never cross. The model has the target's form (two bumps of the same width with trainable log-weights and means,
 * {@link GrayCodedMixture}), started at equal weights with shifted means, and its walkers at exact draws of it. PCD
 * (Tieleman, ICML 2008) then estimates the model's bump masses by walker counts frozen at 1/2, and its log-weights
 * drift without bound; Jarzynski's weights A += U_old - U_new track the masses exactly, so the weights are learned.
 * A mixture rather than an MLP keeps the claim clean: the family contains the target, its weights are the quantity
 * measured, and every failure is the sampler's, not the architecture's. Weights are measured by summing exp(-U) over a
 * grid of cell centres (each counting for its nearest target bump); log Z ratios likewise.
 *
 * <pre>{@code
 * Result r = new DiscreteJarzynskiStudy().run(DiscreteJarzynskiConfig.defaults());
 * }</pre>
 */
public final class DiscreteJarzynskiStudy implements Study<DiscreteJarzynskiConfig, GrayCodedMixture> {
  @Override
  public String name() {
    return "discrete-jarzynski";
  }

  @Override
  public String description() {
    return "Carbone et al. 2023, fully discrete: 2-D bumps on 2^32 Gray-coded states, bit-flip Metropolis, PCD vs"
        + " Jarzynski";
  }

  @Override
  public DiscreteJarzynskiConfig defaults() {
    return DiscreteJarzynskiConfig.defaults();
  }

  /** The target's bump centres. */
  public static double[][] targetMeans() {
    return new double[][] {{0.25, 0.3}, {0.7, 0.7}};
  }

  /** The target. */
  public static GrayCodedMixture target(DiscreteJarzynskiConfig c) {
    return GrayCodedMixture.of(targetMeans(), new double[] {c.smallWeight(), 1 - c.smallWeight()}, c.modeStd(),
        c.bits());
  }

  /** The initial model: equal weights, means shifted by initialShift. */
  public static GrayCodedMixture initial(DiscreteJarzynskiConfig c) {
    double[][] m = targetMeans();
    for (double[] row : m) {
      row[0] += c.initialShift();
      row[1] += c.initialShift();
    }
    return GrayCodedMixture.of(m, new double[] {0.5, 0.5}, c.modeStd(), c.bits());
  }

  @Override
  public INDArray data(DiscreteJarzynskiConfig c, int seed) {
    return target(c).sample(c.dataSize(), new Rng(Seeds.stream(name(), "data", seed)));
  }

  /** exp(-U) on the grid of cell centres of [0, 1]^2. */
  static GridDensity grid(DiscreteJarzynskiConfig c, GrayCodedMixture e) {
    double h = 0.5 / c.gridPoints();
    return GridDensity.of(e.onPoints(), new double[] {h, h}, new double[] {1 - h, 1 - h}, c.gridPoints());
  }

  /** The model's mass near each target bump (grid points counted for their nearest bump). */
  public static double[] modeWeights(DiscreteJarzynskiConfig c, GrayCodedMixture e) {
    double[][] m = targetMeans();
    return grid(c, e).masses(y -> Mlp2dStudy.nearest(m, y), m.length);
  }

  /** Largest distance between a learned mean and its target. */
  public static double meanError(GrayCodedMixture e) {
    double[][] m = e.means();
    double[][] t = targetMeans();
    double worst = 0;
    for (int k = 0; k < t.length; k++) {
      worst = Math.max(worst, Math.hypot(m[k][0] - t[k][0], m[k][1] - t[k][1]));
    }
    return worst;
  }

  @Override
  public List<Arm<DiscreteJarzynskiConfig, GrayCodedMixture>> arms(DiscreteJarzynskiConfig c) {
    List<Arm<DiscreteJarzynskiConfig, GrayCodedMixture>> arms = new ArrayList<>();
    for (String m : c.methods()) {
      arms.add(Arm.<DiscreteJarzynskiConfig, GrayCodedMixture>custom(m, cell -> initial(c),
          (cell, model, label, progress) -> train(c, m.equals("jarzynski"), cell, model, label)));
    }
    return arms;
  }

  /**
   * SGD on the mean negative log-likelihood, grad = mean_data dU/dtheta - E_model dU/dtheta, with the model term
   * from walker averages (PCD) or Jarzynski-weighted walker averages, the walkers moving by Metropolis bit flips.
   */
  static Run<GrayCodedMixture> train(DiscreteJarzynskiConfig c, boolean jarzynski, Cell<DiscreteJarzynskiConfig> cell,
      GrayCodedMixture start, String label) {
    long t0 = System.nanoTime();
    GrayCodedMixture model = start.copy();
    INDArray data = cell.data();
    Rng rng = new Rng(cell.seed());
    DiscreteKernel<BinaryEnergy> kernel = DiscreteKernels.metropolis(Scan.RANDOM);
    BinaryChains ch = kernel.init(model, model.sample(c.walkers(), new Rng(cell.stream("walkers"))));
    int p = model.numParams();
    int k = model.components();
    INDArray grad = Batches.zeros(p);
    DoubleBuffer gb = Batches.buffer(grad);
    DoubleBuffer pb = Batches.buffer(model.params());
    INDArray w = Batches.zeros(c.walkers());
    double meanRate = c.learningRate() * c.modeStd() * c.modeStd();
    double logZ0 = grid(c, model).logZ();
    double offset = 0;
    double logMean = 0;
    double ess = 1;
    int resamplings = 0;
    double accepted = 0;
    List<double[]> rows = new ArrayList<>();
    List<Integer> steps = new ArrayList<>();
    String[] cols = {"w0", "w1", "maxWeightError", "meanError", "essFraction", "logZRatio", "gridLogZRatio",
        "resamplings", "acceptance"};
    double[] target = {c.smallWeight(), 1 - c.smallWeight()};
    for (int step = 0; step <= c.steps(); step++) {
      if (step % c.logEvery() == 0 || step == c.steps()) {
        double[] wk = modeWeights(c, model);
        double err = Math.max(Math.abs(wk[0] - target[0]), Math.abs(wk[1] - target[1]));
        steps.add(step);
        rows.add(new double[] {wk[0], wk[1], err, meanError(model), ess, jarzynski ? offset + logMean : Double.NaN,
            grid(c, model).logZ() - logZ0, resamplings, step == 0 ? Double.NaN : accepted / step});
      }
      if (step == c.steps()) {
        break;
      }
      for (int q = 0; q < p; q++) {
        gb.put(q, 0.0);
      }
      model.accumulateParamGradient(data, null, 1.0 / data.rows(), grad);
      if (jarzynski) {
        ch.normalizedWeights(w);
        model.accumulateParamGradient(ch.positions(), w, -1.0, grad);
      } else {
        model.accumulateParamGradient(ch.positions(), null, -1.0 / c.walkers(), grad);
      }
      for (int q = 0; q < p; q++) {
        double g = gb.get(q);
        if (!Double.isFinite(g)) {
          throw new IllegalStateException("gradient is not finite at step " + step + ": " + model.paramNames()[q]);
        }
        pb.put(q, pb.get(q) - (q < k ? c.learningRate() : meanRate) * g);
      }
      if (jarzynski) {
        accepted += kernel.transport(model, ch, rng).acceptance();
        for (int s = 1; s < c.sweeps(); s++) {
          accepted += kernel.step(model, ch, rng).acceptance() / c.sweeps();
        }
        WeightSummary ws = ch.normalizedWeights(w);
        ess = ws.essFraction();
        logMean = ws.logMeanExp();
        if (ess < c.resampleBelowEss()) {
          offset += logMean;
          ch.resample(Resampling.SYSTEMATIC.ancestors(Batches.toArray(w), rng));
          logMean = 0;
          resamplings++;
        }
      } else {
        kernel.refresh(model, ch);
        for (int s = 0; s < c.sweeps(); s++) {
          accepted += kernel.step(model, ch, rng).acceptance() / c.sweeps();
        }
      }
    }
    Table h = Table.create(label);
    h.addColumns(IntColumn.create("step", steps.stream().mapToInt(Integer::intValue).toArray()));
    for (int j = 0; j < cols.length; j++) {
      double[] v = new double[rows.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = rows.get(i)[j];
      }
      h.addColumns(DoubleColumn.create(cols[j], v));
    }
    Map<String, String> prov = new LinkedHashMap<>(c.settings());
    prov.put("method", jarzynski ? "jarzynski" : "pcd");
    prov.put("kernel", kernel.name());
    lastWalkers.put(model, new double[][] {Batches.toArray(GrayCode.decode(ch.positions(), 2, c.bits())),
        jarzynski ? Batches.toArray(w) : null});
    return new Run<>(h, model, null, (System.nanoTime() - t0) * 1e-9, prov);
  }

  /** Final walkers (decoded points, and Jarzynski weights) of local runs, for the landscape figures. */
  private static final Map<GrayCodedMixture, double[][]> lastWalkers =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  @Override
  public Map<String, Metric<DiscreteJarzynskiConfig, GrayCodedMixture>> metrics(DiscreteJarzynskiConfig c) {
    Map<String, Metric<DiscreteJarzynskiConfig, GrayCodedMixture>> m = new LinkedHashMap<>();
    m.put(String.format(Locale.ROOT, "w0 (target %.2f)", c.smallWeight()), Metric.last("w0"));
    m.put(String.format(Locale.ROOT, "w1 (target %.2f)", 1 - c.smallWeight()), Metric.last("w1"));
    m.put("maxWeightError", Metric.last("maxWeightError"));
    m.put("meanError", Metric.last("meanError"));
    m.put("logZRatioError", (cell, run) -> Math.abs(run.last("logZRatio") - run.last("gridLogZRatio")));
    m.put("resamplings", Metric.last("resamplings"));
    m.put("acceptance", Metric.last("acceptance"));
    return m;
  }

  @Override
  public Map<String, Function<Runs<DiscreteJarzynskiConfig, GrayCodedMixture>, Figure>> figures(
      DiscreteJarzynskiConfig c) {
    Map<String, Function<Runs<DiscreteJarzynskiConfig, GrayCodedMixture>, Figure>> f = new LinkedHashMap<>();
    f.put("weight", runs -> {
      XYChart ch = Plots.chart("Model mass of the light bump (seed " + runs.firstSeed() + ")", "update",
          "mass near (0.25, 0.3)");
      for (String m : c.methods()) {
        runs.first(m).ifPresent(t -> Plots.add(ch, m, t.run().history(), "step", "w0"));
      }
      Plots.reference(ch, "target " + c.smallWeight(), 0, c.steps(), c.smallWeight());
      return Figure.of(ch);
    });
    if (c.methods().contains("jarzynski")) {
      f.put("log-z", runs -> {
        XYChart ch = Plots.chart("log Z_theta - log Z_theta0: Jarzynski estimate and grid sum (seed "
            + runs.firstSeed() + ")", "update", "log Z ratio");
        runs.first("jarzynski").ifPresent(t -> {
          Plots.add(ch, "Jarzynski", t.run().history(), "step", "logZRatio");
          Plots.add(ch, "grid", t.run().history(), "step", "gridLogZRatio");
        });
        return Figure.of(ch);
      });
    }
    f.put("landscape-target", runs -> Figure.of(Landscape.of(grid(c, target(c)), "target density on [0,1]^2", null,
        null), "target density"));
    for (String m : c.methods()) {
      f.put("landscape-" + m, runs -> {
        GrayCodedMixture model = runs.first(m).orElseThrow().run().model();
        double[][] walkers = lastWalkers.get(model);
        String title = m + ": model density and walkers (seed " + runs.firstSeed() + ")"
            + (m.equals("jarzynski") ? ", opacity = weight" : "");
        return Figure.of(Landscape.of(grid(c, model), title, walkers == null ? null : walkers[0],
            walkers == null ? null : walkers[1]), title);
      });
    }
    return f;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("steps", "40", "walkers", "300", "dataSize", "1000", "logEvery", "10", "gridPoints", "100");
  }

  @Override
  public String report(DiscreteJarzynskiConfig c) {
    return "States: [0,1]^2 with " + c.bits() + " Gray-coded bits per coordinate (2^" + (2 * c.bits())
        + " states); Metropolis single-bit flips. Target: bumps of width " + c.modeStd() + " at (0.25, 0.3) and"
        + " (0.7, 0.7) with weights " + c.smallWeight() + " / " + (1 - c.smallWeight()) + ". Model: two bumps with"
        + " trainable log-weights and means, started at equal weights, means shifted by " + c.initialShift() + ", "
        + c.walkers() + " walkers at exact draws of it; " + c.steps() + " SGD updates. Look for Jarzynski's w0 at the"
        + " target and PCD's drifting away (its walkers never change bump, so it sees the masses stuck at 1/2), and"
        + " for Jarzynski's log Z ratio following the grid sum.";
  }
}
