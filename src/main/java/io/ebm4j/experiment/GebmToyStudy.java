package io.ebm4j.experiment;

import io.ebm4j.estimate.EnergyDistance;
import io.ebm4j.estimate.IntrinsicDimension;
import io.ebm4j.estimate.Mmd;
import io.ebm4j.estimate.SlicedWasserstein;
import io.ebm4j.gebm.Gebm;
import io.ebm4j.gebm.KaleTrainer;
import io.ebm4j.gebm.LatentEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.progress.Progress;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Kernels;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Histograms;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Cell;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Seeds;
import io.ebm4j.study.Study;
import io.ebm4j.study.Trial;
import io.ebm4j.train.Run;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The low-intrinsic-dimension toys of Arbel, Zhou, Gretton, "Generalized Energy Based Models", ICLR 2021
 * (https://arxiv.org/abs/2003.05033): data on a 1-D curve in the plane with a non-uniform density along it, and on a
 * deformed sphere surface in 3-D with a non-uniform density on it. A GEBM (MLP energy, MLP generator) is trained by
 * alternating KALE steps; the base learns the support, the energy corrects the density on it. Each arm is a dataset
 * and a latent dimension (right, too small, too large). Reported: distances of base samples, latent-MCMC GEBM samples
 * and exact (importance-resampled) GEBM samples to held-out data, their ratios GEBM/base, the same ratio for a second
 * base sample (1 up to the metric's noise), and Levina-Bickel intrinsic dimensions.
 *
 * <p>What made the GEBM beat its base also with a mis-specified latent dimension (measured on seed 0 with latent
 * dimensions 1, 2, 3 on the curve and 2, 1, 4 on the sphere, MMD^2 then at the median bandwidth):
 *
 * <ul>
 *   <li>Plenty of data (20 000 points; the toys are synthetic). With 2000, a too-large latent dimension gives a base
 *       that already fits the data (MMD^2 below 0.001) and the energy mostly adds its fit to the sample's noise:
 *       MMD^2 ratios 3.5 (curve, 2) and 4.2 (sphere, 4).
 *   <li>Decaying learning rates (x0.5 every 200 steps), so that the energy ends the refine phase (base frozen, energy
 *       steps only) at 1/16 of its rate rather than as a noisy iterate.
 *   <li>A slower energy than base (learning rates 5e-4 and 2e-3). With a too-small latent dimension the data lie off
 *       the base's support, KALE is infinite and the energy runs away on the data (mean E on data -20 after 200 steps
 *       at 2e-3, then a blow-up); at 1e-3 the sphere/1 ratios average 0.970, 1.093, 0.989 over three seeds, at 5e-4
 *       0.878, 0.985, 0.958.
 *   <li>Not a stronger gradient penalty: at 1 instead of 0.1 the energy is too flat to correct the density (ratios
 *       rise, some above 1, e.g. curve/1 energy distance 1.12 against 0.68 at 0.1).
 *   <li>For the metrics: 5000 samples, and one MMD bandwidth for all sample sets of a model, a quarter of the held-out
 *       data's median distance. At the median distance itself (1.5 on the sphere, 1.1 on the curve: wider than the
 *       data) the kernel sees little beyond means and covariances; the MMD^2 of a good model is 1e-4 to 1e-3, of the
 *       order of its own sampling noise (coefficient of variation over repeated sample sets of one model 0.2-0.5,
 *       above 1 on the curve with latent dimension 3, where single estimates fell below 0), so that latent and exact
 *       samples of one model (sphere, latent dimension 4) gave MMD^2 ratios 0.28 and 0.92 to one base sample, while
 *       20 further exact sample sets gave 0.42 +- 0.10. At a quarter of the median the coefficient of variation is
 *       0.01-0.07, and latent and exact samples of that model agree to 0.1% (1.581e-2 against 1.582e-2).
 *       Importance resampling is not a cause: the weights' ESS is 72-99.8% of the 50 000 base draws, and the 5-7%
 *       repeated rows of an exact sample move a U-statistic by about 1/ESS of its kernel's scale (under 0.6% of any
 *       distance here).
 * </ul>
 *
 * Latent chains (MALA, 1000 steps of 0.15 from the prior, about 90% accepted) then agree with exact samples; 300 steps
 * of 0.05 left them between the density's modes on the curve (MMD^2 ratios at the median bandwidth 0.79 against 0.42
 * exact). With latent dimension 4 (sphere) the chains reach the tilt in about 100 steps: from there on their means of
 * |x|^2, E(x) and |z|^2 stay within 2 standard errors of the importance-weighted means over 400 000 base draws.
 *
 * <pre>{@code
 * Result r = new GebmToyStudy().run(Sweep.of(GebmToyConfig.defaults()).seeds(0, 1, 2));
 * r.aggregate();      // swRatio, mmdRatio, edRatio per arm, mean over seeds
 * }</pre>
 */
public final class GebmToyStudy implements Study<GebmToyConfig, Gebm> {
  static final String NAME = "gebm-toy";
  private static final Map<Gebm, Eval> EVALS = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Arbel, Zhou, Gretton 2021: GEBMs (KALE training) on a curve in 2-D and a deformed sphere in 3-D";
  }

  @Override
  public GebmToyConfig defaults() {
    return GebmToyConfig.defaults();
  }

  /** Dimension of a dataset's ambient space. */
  static int dim(String dataset) {
    return dataset.equals("curve") ? 2 : 3;
  }

  /**
   * The monotone warp tau(s) = s - 0.9 sin(6 pi s) / (6 pi) of the curve's uniform parameter; tau'(s) = 1 - 0.9
   * cos(6 pi s) ranges over [0.1, 1.9], so the density of t = tau(s) along the curve has four sharp peaks.
   */
  static double warp(double s) {
    return s - 0.9 * Math.sin(6 * Math.PI * s) / (6 * Math.PI);
  }

  /** tau'(s). */
  static double warpSlope(double s) {
    return 1 - 0.9 * Math.cos(6 * Math.PI * s);
  }

  /** The curve c(t) = (1 + t/2)(cos 3t, sin 3t), t in [0, 1]. */
  static double[] curvePoint(double t) {
    double r = 1 + 0.5 * t;
    return new double[] {r * Math.cos(3 * t), r * Math.sin(3 * t)};
  }

  /** The curve's parameter of a point near it (its polar angle over 3). */
  static double curveParameter(double x, double y) {
    double a = Math.atan2(y, x);
    if (a < -Math.PI / 2) {
      a += 2 * Math.PI;
    }
    return a / 3;
  }

  /** n points c(tau(s)), s ~ Unif[0, 1]. */
  public static INDArray curve(int n, Rng rng) {
    INDArray x = Batches.zeros(n, 2);
    DoubleBuffer b = Batches.buffer(x);
    for (int i = 0; i < n; i++) {
      double[] p = curvePoint(warp(rng.uniform()));
      b.put(2 * i, p[0]);
      b.put(2 * i + 1, p[1]);
    }
    return x;
  }

  /** Vertices of a tetrahedron, the centres of the sphere's density bumps (before scaling by 2). */
  private static final double[][] BUMPS = {{1, 1, 1}, {1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}};

  /**
   * n points on the sphere deformed radially by r = 1 + 0.2 sin(3 theta) cos(2 phi); directions are those of an equal
   * mixture of N(2 v_k, I) over the four vertices v_k of a tetrahedron (projected normals): four soft bumps of
   * density on the surface.
   */
  public static INDArray sphere(int n, Rng rng) {
    INDArray x = Batches.zeros(n, 3);
    DoubleBuffer b = Batches.buffer(x);
    for (int i = 0; i < n; i++) {
      double[] v = BUMPS[rng.nextInt(4)];
      double g0 = rng.normal() + 2 * v[0];
      double g1 = rng.normal() + 2 * v[1];
      double g2 = rng.normal() + 2 * v[2];
      double s = Math.sqrt(g0 * g0 + g1 * g1 + g2 * g2);
      double theta = Math.acos(g2 / s);
      double phi = Math.atan2(g1, g0);
      double r = (1 + 0.2 * Math.sin(3 * theta) * Math.cos(2 * phi)) / s;
      b.put(3 * i, r * g0);
      b.put(3 * i + 1, r * g1);
      b.put(3 * i + 2, r * g2);
    }
    return x;
  }

  static INDArray dataset(String name, int n, Rng rng) {
    return name.equals("curve") ? curve(n, rng) : sphere(n, rng);
  }

  static INDArray trainingData(GebmToyConfig c, String dataset, long seed) {
    return dataset(dataset, c.dataSize(), new Rng(Seeds.stream(NAME, "data-" + dataset, seed)));
  }

  static INDArray heldOut(GebmToyConfig c, String dataset, long seed) {
    return dataset(dataset, c.testSize(), new Rng(Seeds.stream(NAME, "test-" + dataset, seed)));
  }

  /** The first dataset's training data (each arm draws its own dataset's from the same named streams). */
  @Override
  public INDArray data(GebmToyConfig c, int seed) {
    return trainingData(c, c.datasets().get(0), seed);
  }

  static Gebm model(GebmToyConfig c, String dataset, int latentDim, long seed) {
    return Gebm.builder(dim(dataset), latentDim).energyHidden(c.hiddenArray()).generatorHidden(c.hiddenArray())
        .seed(seed).build();
  }

  static KaleTrainer trainer(GebmToyConfig c, Gebm model, INDArray data, long seed) {
    return KaleTrainer.of(model, data).seed(seed).batchSize(c.batchSize()).learningRate(c.learningRate())
        .baseLearningRate(c.baseLearningRate()).betas(c.beta1(), c.beta2()).energySteps(c.energySteps())
        .gradientPenalty(c.gradientPenalty()).decay(c.decay(), c.decayEvery());
  }

  static Kernel kernel(String sampler, double stepSize) {
    return switch (sampler) {
      case "ula" -> Kernels.ula(stepSize);
      case "hmc" -> Kernels.hmc(stepSize, 5);
      default -> Kernels.mala(stepSize);
    };
  }

  /** Trains a GEBM with KALE for c.steps() alternating steps, logging the trainer's measurements. */
  static Run<Gebm> train(GebmToyConfig c, Gebm model, INDArray data, long seed, String label, Progress progress) {
    return GebmRuns.train(trainer(c, model, data, seed), c.steps(), c.refineSteps(), c.logEvery(), c.settings(), label, progress);
  }

  @Override
  public List<Arm<GebmToyConfig, Gebm>> arms(GebmToyConfig c) {
    List<Arm<GebmToyConfig, Gebm>> arms = new ArrayList<>();
    for (String ds : c.datasets()) {
      for (int k : ds.equals("curve") ? c.curveLatentDims() : c.sphereLatentDims()) {
        arms.add(Arm.<GebmToyConfig, Gebm>custom(ds + "-k" + k,
                cell -> model(c, ds, k, cell.stream("init-" + ds + "-" + k)),
                (cell, model, label, progress) -> train(c, model, trainingData(c, ds, cell.seed()),
                    cell.stream("kale-" + ds + "-" + k), label, progress))
            .tag("dataset", ds).tag("latentDim", k));
      }
    }
    return arms;
  }

  /** Samples and distances of a trained model, computed once per model. */
  record Eval(INDArray test, INDArray base, INDArray latent, INDArray exact, double[] dBase, double[] dLatent,
      double[] dExact, double[] dNull, double acceptance, double[][] traces, double idData, double idBase,
      double idGebm) {
    double ratio(int k, boolean exactSamples) {
      return (exactSamples ? dExact[k] : dLatent[k]) / dBase[k];
    }

    /** D(second base sample set) / D(base): 1 up to the metric's sampling noise at this sample size. */
    double nullRatio(int k) {
      return dNull[k] / dBase[k];
    }
  }

  /**
   * [sliced W2, MMD^2, energy distance] of x to the held-out points. MMD^2 (unbiased) uses one bandwidth sigma for
   * every sample set of a model (a fixed fraction of the held-out points' median distance), so that the ratios
   * GEBM/base compare one kernel's discrepancies rather than two kernels'.
   */
  static double[] distances(INDArray x, INDArray test, double sigma, int projections, long seed) {
    return new double[] {SlicedWasserstein.distance(x, test, projections, new Rng(seed)), Mmd.squared(x, test, sigma),
        EnergyDistance.squared(x, test)};
  }

  static Eval evaluate(GebmToyConfig c, String dataset, Gebm q, int seed) {
    Eval e = EVALS.get(q);
    if (e != null) {
      return e;
    }
    INDArray test = heldOut(c, dataset, seed);
    int n = c.testSize();
    INDArray base = q.sampleBase(n, new Rng(Seeds.stream(NAME, "base-samples", seed)));
    Rng rng = new Rng(Seeds.stream(NAME, "latent-chains", seed));
    LatentEnergy u = q.latentEnergy(c.temperature());
    Kernel k = kernel(c.sampler(), c.stepSize()).fresh();
    Chains ch = k.init(u, q.base().latents(n, rng));
    int shown = Math.min(5, n);
    double[][] traces = new double[shown][c.samplerSteps() + 1];
    double acc = 0;
    for (int s = 0; s <= c.samplerSteps(); s++) {
      if (s > 0) {
        acc += k.step(u, ch, rng).acceptance();
      }
      DoubleBuffer pb = ch.positionBuffer();
      for (int j = 0; j < shown; j++) {
        traces[j][s] = pb.get(j * ch.dim());
      }
    }
    INDArray latent = q.base().generate(ch.positions());
    INDArray exact = q.sampleExact(n, c.pool(), new Rng(Seeds.stream(NAME, "exact-samples", seed)));
    long sw = Seeds.stream(NAME, "projections", seed);
    int kMax = Math.min(20, n - 1);
    int kMin = Math.min(10, kMax);
    int half = n / 2;
    double sigma = c.bandwidthFraction() * Mmd.medianBandwidth(
        test.get(NDArrayIndex.interval(0, half), NDArrayIndex.all()),
        test.get(NDArrayIndex.interval(half, n), NDArrayIndex.all()));
    e = new Eval(test, base, latent, exact, distances(base, test, sigma, c.projections(), sw),
        distances(latent, test, sigma, c.projections(), sw), distances(exact, test, sigma, c.projections(), sw),
        distances(q.sampleBase(n, new Rng(Seeds.stream(NAME, "base-samples-2", seed))), test, sigma,
            c.projections(), sw),
        c.samplerSteps() == 0 ? Double.NaN : acc / c.samplerSteps(), traces,
        IntrinsicDimension.of(test, kMin, kMax).corrected(), IntrinsicDimension.of(base, kMin, kMax).corrected(),
        IntrinsicDimension.of(latent, kMin, kMax).corrected());
    EVALS.put(q, e);
    return e;
  }

  private static String datasetOf(Cell<GebmToyConfig> cell) {
    return cell.arm().startsWith("curve") ? "curve" : "sphere";
  }

  private static Metric<GebmToyConfig, Gebm> eval(Function<Eval, Double> f) {
    return (cell, run) -> f.apply(evaluate(cell.config(), datasetOf(cell), run.model(), cell.seed()));
  }

  @Override
  public Map<String, Metric<GebmToyConfig, Gebm>> metrics(GebmToyConfig c) {
    Map<String, Metric<GebmToyConfig, Gebm>> m = new LinkedHashMap<>();
    m.put("swRatio", eval(e -> e.ratio(0, false)));
    m.put("mmdRatio", eval(e -> e.ratio(1, false)));
    m.put("edRatio", eval(e -> e.ratio(2, false)));
    m.put("swRatioExact", eval(e -> e.ratio(0, true)));
    m.put("mmdRatioExact", eval(e -> e.ratio(1, true)));
    m.put("edRatioExact", eval(e -> e.ratio(2, true)));
    m.put("swNull", eval(e -> e.nullRatio(0)));
    m.put("mmdNull", eval(e -> e.nullRatio(1)));
    m.put("edNull", eval(e -> e.nullRatio(2)));
    m.put("swBase", eval(e -> e.dBase()[0]));
    m.put("swGebm", eval(e -> e.dLatent()[0]));
    m.put("mmdBase", eval(e -> e.dBase()[1]));
    m.put("mmdGebm", eval(e -> e.dLatent()[1]));
    m.put("edBase", eval(e -> e.dBase()[2]));
    m.put("edGebm", eval(e -> e.dLatent()[2]));
    m.put("acceptance", eval(Eval::acceptance));
    m.put("idData", eval(Eval::idData));
    m.put("idBase", eval(Eval::idBase));
    m.put("idGebm", eval(Eval::idGebm));
    m.put("logZ", Metric.last("logZ"));
    m.put("kale", Metric.last("kale"));
    return m;
  }

  private static XYSeries scatter(XYChart chart, String name, INDArray x, int a, int b, int max) {
    int n = (int) Math.min(max, x.rows());
    int d = (int) x.columns();
    DoubleBuffer xb = Batches.buffer(x);
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = xb.get(i * d + a);
      ys[i] = xb.get(i * d + b);
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    return s;
  }

  private static XYChart scatterChart(String title, String xl, String yl) {
    XYChart chart = Plots.chart(title, xl, yl);
    chart.getStyler().setMarkerSize(3);
    return chart;
  }

  private static Trial<GebmToyConfig, Gebm> firstOf(Runs<GebmToyConfig, Gebm> runs, String dataset) {
    for (Trial<GebmToyConfig, Gebm> t : runs.trials()) {
      if (t.cell().seed() == runs.firstSeed() && t.arm().label().startsWith(dataset)) {
        return t;
      }
    }
    return null;
  }

  @Override
  public Map<String, Function<Runs<GebmToyConfig, Gebm>, Figure>> figures(GebmToyConfig c) {
    Map<String, Function<Runs<GebmToyConfig, Gebm>, Figure>> f = new LinkedHashMap<>();
    if (c.datasets().contains("curve")) {
      f.put("curve-samples", runs -> {
        Trial<GebmToyConfig, Gebm> t = firstOf(runs, "curve");
        Eval e = evaluate(c, "curve", t.run().model(), t.cell().seed());
        XYChart ch = scatterChart("Curve: held-out data, base and GEBM samples (" + t.arm().label() + ", seed "
            + t.cell().seed() + ")", "x1", "x2");
        scatter(ch, "data", e.test(), 0, 1, 1000);
        scatter(ch, "base G(Z)", e.base(), 0, 1, 1000);
        scatter(ch, "GEBM (latent " + c.sampler() + ")", e.latent(), 0, 1, 1000);
        return Figure.of(ch);
      });
      f.put("curve-density-along", runs -> {
        Trial<GebmToyConfig, Gebm> t = firstOf(runs, "curve");
        Eval e = evaluate(c, "curve", t.run().model(), t.cell().seed());
        XYChart ch = Plots.chart("Curve: density of the curve parameter t (" + t.arm().label() + ", seed "
            + t.cell().seed() + ")", "t", "density");
        Histograms.add(ch, "data", parameters(e.test()), null, -0.1, 1.1, 40);
        Histograms.add(ch, "base", parameters(e.base()), null, -0.1, 1.1, 40);
        Histograms.add(ch, "GEBM (latent " + c.sampler() + ")", parameters(e.latent()), null, -0.1, 1.1, 40);
        Histograms.add(ch, "GEBM (exact)", parameters(e.exact()), null, -0.1, 1.1, 40);
        return Figure.of(ch);
      });
      f.put("curve-energy", runs -> {
        Trial<GebmToyConfig, Gebm> t = firstOf(runs, "curve");
        Gebm q = t.run().model();
        int m = 200;
        INDArray pts = Batches.zeros(m, 2);
        double[] ts = new double[m];
        for (int i = 0; i < m; i++) {
          ts[i] = i / (m - 1.0);
          double[] p = curvePoint(ts[i]);
          pts.putScalar(i, 0, p[0]);
          pts.putScalar(i, 1, p[1]);
        }
        double[] e = Batches.toArray(q.energy(pts));
        double[] target = new double[m];
        for (int i = 0; i < m; i++) {
          // -log of the data density of t: log tau'(s) at s = tau^{-1}(t)
          target[i] = Math.log(warpSlope(inverseWarp(ts[i])));
        }
        XYChart ch = Plots.chart("Curve: energy E(c(t)) + c along the curve (" + t.arm().label() + ", seed "
            + t.cell().seed() + ")", "t", "energy");
        double[] shifted = new double[m];
        for (int i = 0; i < m; i++) {
          shifted[i] = e[i] + q.logZ();
        }
        ch.addSeries("E(c(t)) + c", ts, shifted).setMarker(SeriesMarkers.NONE);
        ch.addSeries("-log p_data(t) (up to a constant)", ts, target).setMarker(SeriesMarkers.NONE);
        return Figure.of(ch);
      });
      f.put("latent-chains", runs -> {
        Trial<GebmToyConfig, Gebm> t = firstOf(runs, "curve");
        Eval e = evaluate(c, "curve", t.run().model(), t.cell().seed());
        XYChart ch = Plots.chart("Latent chains (first coordinate, " + c.sampler() + ", h = " + c.stepSize() + ", "
            + t.arm().label() + ", seed " + t.cell().seed() + ")", "step", "u_1");
        for (int j = 0; j < e.traces().length; j++) {
          double[] xs = new double[e.traces()[j].length];
          for (int s = 0; s < xs.length; s++) {
            xs[s] = s;
          }
          ch.addSeries("chain " + j, xs, e.traces()[j]).setMarker(SeriesMarkers.NONE);
        }
        return Figure.of(ch);
      });
    }
    if (c.datasets().contains("sphere")) {
      f.put("sphere-samples", runs -> {
        Trial<GebmToyConfig, Gebm> t = firstOf(runs, "sphere");
        Eval e = evaluate(c, "sphere", t.run().model(), t.cell().seed());
        XYChart ch = scatterChart("Sphere: held-out data, base and GEBM samples, (x1, x3) projection ("
            + t.arm().label() + ", seed " + t.cell().seed() + ")", "x1", "x3");
        scatter(ch, "data", e.test(), 0, 2, 1000);
        scatter(ch, "base G(Z)", e.base(), 0, 2, 1000);
        scatter(ch, "GEBM (latent " + c.sampler() + ")", e.latent(), 0, 2, 1000);
        return Figure.of(ch);
      });
      f.put("sphere-polar-density", runs -> {
        Trial<GebmToyConfig, Gebm> t = firstOf(runs, "sphere");
        Eval e = evaluate(c, "sphere", t.run().model(), t.cell().seed());
        XYChart ch = Plots.chart("Sphere: density of the polar angle (" + t.arm().label() + ", seed "
            + t.cell().seed() + ")", "polar angle theta", "density");
        Histograms.add(ch, "data", polar(e.test()), null, 0, Math.PI, 30);
        Histograms.add(ch, "base", polar(e.base()), null, 0, Math.PI, 30);
        Histograms.add(ch, "GEBM (latent " + c.sampler() + ")", polar(e.latent()), null, 0, Math.PI, 30);
        return Figure.of(ch);
      });
      f.put("sphere-energy", runs -> {
        Trial<GebmToyConfig, Gebm> t = firstOf(runs, "sphere");
        Eval e = evaluate(c, "sphere", t.run().model(), t.cell().seed());
        double[] en = Batches.toArray(t.run().model().energy(e.test()));
        XYChart ch = scatterChart("Sphere: energy on held-out points against their polar angle (" + t.arm().label()
            + ", seed " + t.cell().seed() + ")", "polar angle theta", "E(x)");
        XYSeries s = ch.addSeries("E on data", polar(e.test()), en);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return Figure.of(ch);
      });
    }
    return f;
  }

  static double inverseWarp(double t) {
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < 60; i++) {
      double mid = 0.5 * (lo + hi);
      if (warp(mid) < t) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  private static double[] parameters(INDArray x) {
    int n = (int) x.rows();
    DoubleBuffer b = Batches.buffer(x);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = curveParameter(b.get(2 * i), b.get(2 * i + 1));
    }
    return t;
  }

  private static double[] polar(INDArray x) {
    int n = (int) x.rows();
    DoubleBuffer b = Batches.buffer(x);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      double x0 = b.get(3 * i);
      double x1 = b.get(3 * i + 1);
      double x2 = b.get(3 * i + 2);
      t[i] = Math.acos(Math.max(-1, Math.min(1, x2 / Math.sqrt(x0 * x0 + x1 * x1 + x2 * x2))));
    }
    return t;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("datasets", "curve", "curveLatentDims", "1", "dataSize", "300", "testSize", "200", "hidden", "16", "steps", "10", "refineSteps", "5", "batchSize", "64", "samplerSteps", "20", "pool", "500");
  }

  @Override
  public String report(GebmToyConfig c) {
    return "Data: " + c.dataSize() + " points on a curve in 2-D (parameter t = s - 0.9 sin(6 pi s)/(6 pi), s ~ Unif[0, 1],"
        + " so the density along it has four sharp peaks) and on a deformed sphere in 3-D (directions from four"
        + " projected normals: four bumps of density);"
        + " held-out sets of " + c.testSize() + ". GEBM: MLP energy and generator " + c.hidden() + ", trained by"
        + " alternating KALE steps (" + c.steps() + " steps of " + c.energySteps() + " energy steps + 1 base step,"
        + " batch " + c.batchSize() + ", Adam lr " + c.learningRate() + "/" + c.baseLearningRate() + ", betas ("
        + c.beta1() + ", " + c.beta2() + "), gradient penalty " + c.gradientPenalty() + "), then " + c.refineSteps()
        + " steps with the base frozen so that the energy is the KALE witness of the final base. GEBM samples: "
        + c.samplerSteps() + " steps of latent " + c.sampler() + " (h = " + c.stepSize() + ", T = "
        + c.temperature() + ") from the prior, and exact samples by importance resampling of " + c.pool()
        + " base draws. MMD^2: unbiased, Gaussian kernel of bandwidth " + c.bandwidthFraction() + " x the held-out"
        + " points' median distance, one per model.\n\nExpected: the base lies on the data's support (idBase near"
        + " idData) but with the wrong density; the energy corrects it, so swRatio, mmdRatio and edRatio (GEBM /"
        + " base distance to held-out data) are below 1, for latent-MCMC and exact samples alike, also when the"
        + " latent dimension is wrong."
        + " swNull, mmdNull, edNull are the ratios for a second base sample: 1 up to each metric's noise at "
        + c.testSize() + " samples, the scale on which to read the others.";
  }
}
