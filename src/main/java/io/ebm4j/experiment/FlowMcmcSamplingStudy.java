package io.ebm4j.experiment;

import io.ebm4j.energy.IsotropicMixture;
import io.ebm4j.estimate.GridDensity;
import io.ebm4j.flow.AdaptiveFlow;
import io.ebm4j.flow.FlowImh;
import io.ebm4j.flow.FlowKernels;
import io.ebm4j.flow.GlobalLocal;
import io.ebm4j.flow.RealNvp;
import io.ebm4j.nd.Batches;
import io.ebm4j.progress.Progress;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.DualAveraging;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Kernels;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Landscape;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Cell;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Study;
import io.ebm4j.train.Run;
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
 * Sampling a fixed multimodal target with and without a normalizing flow, all chains started in the lightest mode:
 * MALA, NeuTra (MALA in the latent space of a flow fitted by reverse KL; Hoffman et al. 2019), flow independent
 * Metropolis-Hastings (IMH) with an adaptively trained flow, IMH with a flow trained by reverse KL only, and
 * global-local (IMH then MALA; Gabrie, Rotskoff, Vanden-Eijnden 2022), at one budget of target evaluations per chain.
 * The adaptive flow minimises (1 - lambda) KL(chains || q) + lambda KL(q || rho): the forward term keeps q on every
 * mode the chains hold (the one they started in included), the reverse term lets q find modes no chain has reached
 * yet. Flows are trained and step sizes adapted during the first part of the budget, then frozen; the mode error is
 * the largest gap between the nearest-mean visit shares after that and the exact weights (visits0..3 give the
 * shares themselves).
 *
 * <p>While the flow adapts, the IMH chains also take one MALA move after each flow move ({@code adaptLocal}, the
 * global-local scheme; each move costs one evaluation), then run IMH alone. IMH chains by themselves only ever sit
 * where q has already proposed, so a forward term fitted to them cannot learn the parts of a mode q underweights: in
 * high dimension (d = 32 on the half-block target) the flow then keeps regions where q is far below rho, which the
 * frozen IMH chains hardly ever enter (their visit shares stay off however long they run), or it loses whole modes
 * while the reverse term is annealed. The local moves carry the chains over every mode they hold, so the forward
 * term fits the whole of it.
 *
 * <p>Gabrie, Rotskoff, Vanden-Eijnden, "Adaptive Monte Carlo augmented with normalizing flows", PNAS 2022,
 * https://doi.org/10.1073/pnas.2109420119; Hoffman, Sountsov, Dillon, Langmore, Tran, Vasudevan, "NeuTra-lizing Bad
 * Geometry in Hamiltonian Monte Carlo Using Neural Transport", 2019, https://arxiv.org/abs/1903.03704; Grenioux,
 * Moulines, Gabrie, "Balanced Training of Energy-Based Models with Adaptive Flow Sampling", 2023,
 * https://arxiv.org/abs/2306.00684.
 *
 * <pre>{@code
 * Result r = new FlowMcmcSamplingStudy().run(FlowMcmcSamplingConfig.defaults().with("offset", 1.5));
 * r.summary();   // modeError, acceptance, imhAcceptance, visits0..3 per sampler
 * }</pre>
 */
public final class FlowMcmcSamplingStudy implements Study<FlowMcmcSamplingConfig, IsotropicMixture> {
  /** Mode weights of every target of the study; chains start in mode 0, the lightest. */
  public static final double[] WEIGHTS = {0.1, 0.2, 0.3, 0.4};

  @Override
  public String name() {
    return "flow-mcmc-sampling";
  }

  @Override
  public String description() {
    return "Gabrie et al. 2022 / Grenioux et al. 2023: MALA, NeuTra, flow-IMH and global-local on a four-mode"
        + " mixture from one mode, at equal target evaluations";
  }

  @Override
  public FlowMcmcSamplingConfig defaults() {
    return FlowMcmcSamplingConfig.defaults();
  }

  /** The target of a configuration. */
  public static IsotropicMixture target(FlowMcmcSamplingConfig c) {
    return c.target().equals("square") ? IsotropicMixture.square(c.offset(), c.sd(), WEIGHTS)
        : IsotropicMixture.halfBlocks(c.dim(), c.offset(), WEIGHTS);
  }

  /** No training data: the target is sampled, not learned (a single zero row). */
  @Override
  public INDArray data(FlowMcmcSamplingConfig c, int seed) {
    return Batches.zeros(1, target(c).dim());
  }

  @Override
  public List<Arm<FlowMcmcSamplingConfig, IsotropicMixture>> arms(FlowMcmcSamplingConfig c) {
    List<Arm<FlowMcmcSamplingConfig, IsotropicMixture>> arms = new ArrayList<>();
    for (String s : c.samplers()) {
      arms.add(Arm.custom(s, cell -> target(c), (cell, t, label, progress) -> sample(cell, t, s, label, progress)));
    }
    return arms;
  }

  /** The flow of a configuration, identity at the start. */
  static RealNvp flow(FlowMcmcSamplingConfig c, int dim, long seed) {
    return RealNvp.builder(dim).blocks(c.flowBlocks()).hidden(c.hidden().stream().mapToInt(Integer::intValue)
        .toArray()).logScaleBound(3).seed(seed).build();
  }

  /** Runs one sampler on the target from the lightest mode until the budget is spent. */
  static Run<IsotropicMixture> sample(Cell<FlowMcmcSamplingConfig> cell, IsotropicMixture target, String sampler,
      String label, Progress progress) {
    FlowMcmcSamplingConfig c = cell.config();
    long t0 = System.nanoTime();
    int n = c.chains();
    int d = target.dim();
    Rng rng = new Rng(cell.stream("chains"));
    Rng flowRng = new Rng(cell.stream("flow-draws"));
    INDArray x0 = target.sampleComponent(0, n, new Rng(cell.stream("start")));
    RealNvp flow = flow(c, d, cell.stream("flow"));
    boolean trains = !sampler.equals("mala");
    boolean reverseOnly = sampler.equals("neutra") || sampler.equals("imh-reverse");
    AdaptiveFlow adapt = AdaptiveFlow.of(flow, c.flowLearningRate()).reverseBatch(c.reverseBatch())
        .reverseWeight(reverseOnly ? 1.0 : c.reverseWeight());
    double trainCost = trains ? (double) adapt.evaluationsPerStep() / n : 0;
    boolean localAdapt = sampler.equals("imh") && c.adaptLocal();
    double moveCost = sampler.equals("global-local") ? 2 : 1;
    double adaptMoveCost = localAdapt ? 2 : moveCost;
    double adaptBudget = c.adaptFraction() * c.budget();
    int adaptSteps = (int) Math.ceil(adaptBudget / (adaptMoveCost + trainCost));
    if (!reverseOnly) {
      adapt.anneal(c.beta0(), (int) Math.round(c.annealFraction() * adaptSteps));
    }
    int mainSteps = (int) Math.floor((c.budget() - adaptSteps * (adaptMoveCost + trainCost)) / moveCost);
    int steps = adaptSteps + Math.max(1, mainSteps);
    Kernel kernel;
    GlobalLocal gl = null;
    switch (sampler) {
      case "mala" -> kernel = Kernels.adaptive(Kernels::mala, c.stepSize(), c.targetAcceptance(), adaptSteps);
      case "neutra" -> kernel = Kernels.adaptive(h -> FlowKernels.neutraMala(flow, h), c.stepSize(),
          c.targetAcceptance(), adaptSteps);
      case "imh", "imh-reverse" -> kernel = FlowKernels.imh(flow);
      case "global-local" -> {
        gl = FlowKernels.globalLocal(flow, Kernels.adaptive(Kernels::mala, c.stepSize(), c.targetAcceptance(),
            adaptSteps));
        kernel = gl;
      }
      default -> throw new IllegalArgumentException("unknown sampler '" + sampler + "'");
    }
    Kernel mainKernel = kernel;
    if (localAdapt) {
      gl = FlowKernels.globalLocal(flow, Kernels.adaptive(Kernels::mala, c.stepSize(), c.targetAcceptance(),
          adaptSteps));
      kernel = gl;
    }
    String adaptKernelName = kernel.name();
    Chains chains = kernel.init(target, x0);
    int k = target.components();
    double[] w = target.weights();
    double[] visits = new double[k];
    double visitTotal = 0;
    double accMain = 0;
    double globalMain = 0;
    double evaluations = 0;
    Map<String, List<Double>> cols = new LinkedHashMap<>();
    List<Integer> rowSteps = new ArrayList<>();
    double accWindow = 0;
    double globalWindow = 0;
    int window = 0;
    progress.start(label, steps);
    try {
      for (int s = 1; s <= steps; s++) {
        boolean adapting = s <= adaptSteps;
        if (!adapting && kernel != mainKernel) {
          kernel = mainKernel;
          gl = null;
        }
        double acc = kernel.step(target, chains, rng).acceptance();
        double global = gl != null ? gl.lastGlobalAcceptance()
            : kernel instanceof FlowImh ? acc : Double.NaN;
        evaluations += adapting ? adaptMoveCost : moveCost;
        if (adapting && trains) {
          adapt.step(chains.positions(), target, flowRng);
          evaluations += trainCost;
        }
        double[] share = target.shares(chains.positions());
        if (!adapting) {
          for (int q = 0; q < k; q++) {
            visits[q] += share[q];
          }
          visitTotal++;
          accMain += acc;
          globalMain += global;
        }
        accWindow += acc;
        globalWindow += global;
        window++;
        if (s % c.logEvery() == 0 || s == steps) {
          rowSteps.add(s);
          Map<String, Double> row = new LinkedHashMap<>();
          row.put("evaluations", evaluations);
          row.put("acceptance", accWindow / window);
          row.put("imhAcceptance", globalWindow / window);
          for (int q = 0; q < k; q++) {
            row.put("share" + q, share[q]);
          }
          row.put("occupationError", maxGap(share, w));
          double[] v = new double[k];
          for (int q = 0; q < k; q++) {
            v[q] = visitTotal > 0 ? visits[q] / visitTotal : Double.NaN;
          }
          for (int q = 0; q < k; q++) {
            row.put("visits" + q, v[q]);
          }
          row.put("modeError", visitTotal > 0 ? maxGap(v, w) : Double.NaN);
          row.put("meanAcceptance", visitTotal > 0 ? accMain / visitTotal : Double.NaN);
          row.put("meanImhAcceptance", visitTotal > 0 ? globalMain / visitTotal : Double.NaN);
          row.put("stepSize", kernel instanceof DualAveraging da ? da.stepSize() : Double.NaN);
          row.forEach((key, val) -> cols.computeIfAbsent(key, q -> new ArrayList<>()).add(val));
          accWindow = 0;
          globalWindow = 0;
          window = 0;
          progress.step(s, Map.of("modeError", row.get("modeError"), "acceptance", row.get("acceptance")));
        }
      }
    } finally {
      progress.close();
    }
    Table history = Table.create(label);
    history.addColumns(IntColumn.create("step", rowSteps.stream().mapToInt(Integer::intValue).toArray()));
    cols.forEach((key, v) -> history.addColumns(DoubleColumn.create(key, v.stream().mapToDouble(Double::doubleValue)
        .toArray())));
    Map<String, String> prov = new LinkedHashMap<>(c.settings());
    prov.put("sampler", sampler);
    prov.put("kernel", kernel.name());
    prov.put("adaptKernel", adaptKernelName);
    prov.put("adaptSteps", String.valueOf(adaptSteps));
    prov.put("steps", String.valueOf(steps));
    return new Run<>(history, target, chains, (System.nanoTime() - t0) / 1e9, prov);
  }

  /** max_k |a_k - b_k|. */
  static double maxGap(double[] a, double[] b) {
    double e = 0;
    for (int q = 0; q < a.length; q++) {
      e = Math.max(e, Math.abs(a[q] - b[q]));
    }
    return e;
  }

  @Override
  public Map<String, Metric<FlowMcmcSamplingConfig, IsotropicMixture>> metrics(FlowMcmcSamplingConfig c) {
    Map<String, Metric<FlowMcmcSamplingConfig, IsotropicMixture>> m = new LinkedHashMap<>();
    m.put("modeError", Metric.last("modeError"));
    m.put("finalOccupationError", Metric.last("occupationError"));
    m.put("acceptance", Metric.last("meanAcceptance"));
    m.put("imhAcceptance", Metric.last("meanImhAcceptance"));
    for (int q = 0; q < WEIGHTS.length; q++) {
      final int qq = q;
      m.put(String.format(Locale.ROOT, "share%d (target %.1f)", q, WEIGHTS[q]), (cell, run) -> run.last("share"
          + qq));
    }
    for (int q = 0; q < WEIGHTS.length; q++) {
      m.put("visits" + q, Metric.last("visits" + q));
    }
    m.put("evaluations", Metric.last("evaluations"));
    return m;
  }

  @Override
  public Map<String, Function<Runs<FlowMcmcSamplingConfig, IsotropicMixture>, Figure>> figures(
      FlowMcmcSamplingConfig c) {
    Map<String, Function<Runs<FlowMcmcSamplingConfig, IsotropicMixture>, Figure>> f = new LinkedHashMap<>();
    f.put("occupation-error", runs -> {
      XYChart ch = Plots.chart("Largest gap between chain occupation and mode weights (seed " + runs.firstSeed()
          + ")", "target evaluations per chain", "max_k |share_k - w_k|");
      for (String s : c.samplers()) {
        runs.first(s).ifPresent(t -> Plots.add(ch, s, t.run().history(), "evaluations", "occupationError"));
      }
      return Figure.of(ch);
    });
    f.put("acceptance", runs -> {
      XYChart ch = Plots.chart("Acceptance (seed " + runs.firstSeed() + "; global-local: its flow move)",
          "target evaluations per chain", "mean acceptance");
      for (String s : c.samplers()) {
        runs.first(s).ifPresent(t -> Plots.add(ch, s, t.run().history(), "evaluations",
            s.equals("global-local") ? "imhAcceptance" : "acceptance"));
      }
      return Figure.of(ch);
    });
    if (target(c).dim() == 2) {
      for (String s : c.samplers()) {
        f.put("chains-" + s, runs -> {
          var t = runs.first(s).orElseThrow();
          double r = c.offset() + 4 * c.sd() + 1;
          GridDensity g = GridDensity.of(target(c), new double[] {-r, -r}, new double[] {r, r}, 121);
          String title = s + ": final chains on the target (seed " + runs.firstSeed() + ")";
          return Figure.of(Landscape.of(g, title, Batches.toArray(t.run().walkers().positions()), null), title);
        });
      }
    }
    return f;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("chains", "32", "budget", "200", "samplers", "mala,imh,global-local", "hidden", "16", "logEvery", "20");
  }

  @Override
  public String report(FlowMcmcSamplingConfig c) {
    return "Target: " + (c.target().equals("square") ? "2-D mixture of four Gaussians of sd " + c.sd() + " at (+-"
        + c.offset() + ", +-" + c.offset() + ")" : c.dim() + "-D mixture of four unit Gaussians, means +-" + c.offset()
        + " on half-blocks") + ", weights 0.1/0.2/0.3/0.4; " + c.chains() + " chains all start in the lightest mode."
        + " Every sampler spends " + c.budget() + " target evaluations per chain (flow training draws included); flows"
        + " and step sizes adapt during the first " + Math.round(100 * c.adaptFraction()) + "% and are then frozen"
        + (c.adaptLocal() ? " (meanwhile the IMH chains also take a MALA move per step, so that the flow is fitted to"
        + " chains that cover whole modes; IMH alone afterwards)" : "") + "."
        + " modeError is the largest gap between the nearest-mean visit shares after adaptation and the weights; look"
        + " for MALA and NeuTra trapped in the starting mode, IMH with the adaptive (forward + reverse KL) flow and"
        + " global-local at the weights, and IMH with a reverse-KL-only flow missing a mode.";
  }
}
