package io.ebm4j.experiment;

import io.ebm4j.discrete.BoltzmannFit;
import io.ebm4j.discrete.BoltzmannMachine;
import io.ebm4j.discrete.BoltzmannNewton;
import io.ebm4j.discrete.BoltzmannTraining;
import io.ebm4j.discrete.ExactPartition;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.show.Figure;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/**
 * A fully visible Boltzmann machine is an exponential family, U(x) = -theta . T(x) with sufficient statistics
 * T(x) = (x_i, x_i x_j), so the gradient of the mean log-likelihood is data moments minus model moments and the maximum
 * likelihood estimate is the theta whose model moments equal the data's (D. H. Ackley, G. E. Hinton, T. J. Sejnowski,
 * "A Learning Algorithm for Boltzmann Machines", Cognitive Science 9(1), 1985,
 * https://doi.org/10.1207/s15516709cog0901_7). On n <= 16 units everything is exact by enumeration: data are exact
 * draws of a random ground-truth machine; moment matching with exact model moments climbs to the maximum-likelihood
 * theta (the moment gap falls to the tolerance), Newton's method with the exact Fisher information reaches it by a
 * second route in a handful of steps, and moment matching with Gibbs moments (persistent heat-bath chains) gets within
 * Monte Carlo error of it. Each arm is compared with the Newton estimate and with the truth.
 *
 * <pre>{@code
 * Result r = new BoltzmannMomentsStudy().run(Sweep.of(BoltzmannMomentsConfig.defaults()).seeds(0, 1, 2));
 * r.figure("scatter");
 * }</pre>
 */
public final class BoltzmannMomentsStudy implements Study<BoltzmannMomentsConfig, BoltzmannMachine> {
  private static final Map<INDArray, BoltzmannFit> MLE = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public String name() {
    return "boltzmann-moments";
  }

  @Override
  public String description() {
    return "Ackley, Hinton & Sejnowski 1985: a fully visible Boltzmann machine fitted by moment matching (exact and"
        + " Gibbs moments) against the maximum-likelihood estimate (Newton) and the truth";
  }

  @Override
  public BoltzmannMomentsConfig defaults() {
    return BoltzmannMomentsConfig.defaults();
  }

  /** The ground-truth machine of a seed: biases and couplings N(0, truthScale^2). */
  public BoltzmannMachine truth(BoltzmannMomentsConfig c, int seed) {
    Rng rng = new Rng(Seeds.stream(name(), "truth", seed));
    int n = c.sites();
    double[] b = new double[n];
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      b[i] = c.truthScale() * rng.normal();
      for (int j = i + 1; j < n; j++) {
        w[i][j] = c.truthScale() * rng.normal();
        w[j][i] = w[i][j];
      }
    }
    return BoltzmannMachine.of(b, w);
  }

  /** {@code count} exact independent draws [count, n] of a machine, by inverting its enumerated distribution. */
  public static INDArray draw(BoltzmannMachine bm, int count, Rng rng) {
    double[] p = ExactPartition.probabilities(bm);
    double[] cdf = new double[p.length];
    double s = 0;
    for (int k = 0; k < p.length; k++) {
      s += p[k];
      cdf[k] = s;
    }
    int n = bm.dim();
    INDArray x = Batches.zeros(count, n);
    DoubleBuffer xb = Batches.buffer(x);
    for (int i = 0; i < count; i++) {
      double u = rng.uniform() * s;
      int lo = 0;
      int hi = p.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] > u) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      for (int k = 0; k < n; k++) {
        xb.put(i * n + k, (lo >>> k) & 1);
      }
    }
    return x;
  }

  @Override
  public INDArray data(BoltzmannMomentsConfig c, int seed) {
    return draw(truth(c, seed), c.dataSize(), new Rng(Seeds.stream(name(), "data", seed)));
  }

  /** The maximum-likelihood fit of data by Newton's method (computed once per data set). */
  public static BoltzmannFit mle(BoltzmannMomentsConfig c, INDArray data) {
    return MLE.computeIfAbsent(data, d -> BoltzmannNewton.of(BoltzmannMachine.of(c.sites())).tolerance(1e-12)
        .steps(100).fit(d));
  }

  @Override
  public List<Arm<BoltzmannMomentsConfig, BoltzmannMachine>> arms(BoltzmannMomentsConfig c) {
    List<Arm<BoltzmannMomentsConfig, BoltzmannMachine>> arms = new ArrayList<>();
    for (String m : c.methods()) {
      arms.add(Arm.<BoltzmannMomentsConfig, BoltzmannMachine>custom(m, cell -> BoltzmannMachine.of(c.sites()),
          (cell, start, label, progress) -> fit(c, m, cell, start, label)));
    }
    return arms;
  }

  private static Run<BoltzmannMachine> fit(BoltzmannMomentsConfig c, String method, Cell<BoltzmannMomentsConfig> cell,
      BoltzmannMachine start, String label) {
    long t0 = System.nanoTime();
    INDArray data = cell.data();
    BoltzmannFit f = switch (method) {
      case "exact-moments" -> BoltzmannTraining.of(start).exactMoments().learningRate(c.learningRate())
          .steps(c.steps()).tolerance(c.tolerance()).logEvery(c.logEvery()).fit(data);
      case "gibbs-moments" -> BoltzmannTraining.of(start).gibbsMoments(c.walkers(), c.sweeps())
          .learningRate(c.gibbsLearningRate()).steps(c.gibbsSteps()).logEvery(c.logEvery())
          .seed(cell.stream("gibbs")).fit(data);
      case "newton" -> BoltzmannNewton.of(start).tolerance(c.tolerance()).fit(data);
      default -> throw new IllegalArgumentException("method must be among " + BoltzmannMomentsConfig.METHODS
          + ", got '" + method + "'");
    };
    Table h = f.history().copy();
    h.setName(label);
    Map<String, String> prov = new LinkedHashMap<>(c.settings());
    prov.put("method", method);
    return new Run<>(h, f.model(), null, (System.nanoTime() - t0) * 1e-9, prov);
  }

  /** max_k |a_k - b_k| over the parameters of two machines. */
  public static double maxParamDifference(BoltzmannMachine a, BoltzmannMachine b) {
    double[] x = Batches.toArray(a.params());
    double[] y = Batches.toArray(b.params());
    double m = 0;
    for (int k = 0; k < x.length; k++) {
      m = Math.max(m, Math.abs(x[k] - y[k]));
    }
    return m;
  }

  /** The exact moment gap max_k |E_data T_k - E_theta T_k|. */
  public static double momentGap(BoltzmannMachine bm, INDArray data) {
    double[] d = Batches.toArray(bm.moments(data));
    double[] e = Batches.toArray(ExactPartition.expectedParamGradient(bm));
    double m = 0;
    for (int k = 0; k < d.length; k++) {
      m = Math.max(m, Math.abs(d[k] + e[k]));
    }
    return m;
  }

  /** Mean log-likelihood of the data, exact. */
  public static double logLikelihood(BoltzmannMachine bm, INDArray data) {
    return -bm.energy(data).meanNumber().doubleValue() - ExactPartition.logZ(bm);
  }

  /** KL(empirical || model) = sum_x p_hat(x) log p_hat(x) - mean log-likelihood. */
  public static double klFromData(BoltzmannMachine bm, INDArray data) {
    int n = bm.dim();
    double[] counts = new double[1 << n];
    for (int i = 0; i < data.rows(); i++) {
      counts[ExactPartition.index(data, i)]++;
    }
    double negEntropy = 0;
    for (double k : counts) {
      if (k > 0) {
        double p = k / data.rows();
        negEntropy += p * Math.log(p);
      }
    }
    return negEntropy - logLikelihood(bm, data);
  }

  @Override
  public Map<String, Metric<BoltzmannMomentsConfig, BoltzmannMachine>> metrics(BoltzmannMomentsConfig c) {
    Map<String, Metric<BoltzmannMomentsConfig, BoltzmannMachine>> m = new LinkedHashMap<>();
    m.put("maxErrorVsMle", (cell, run) -> maxParamDifference(run.model(), mle(c, cell.data()).model()));
    m.put("maxErrorVsTruth", (cell, run) -> maxParamDifference(run.model(), truth(cell)));
    m.put("mleErrorVsTruth", (cell, run) -> maxParamDifference(mle(c, cell.data()).model(), truth(cell)));
    m.put("momentGap", (cell, run) -> momentGap(run.model(), cell.data()));
    m.put("logLikelihood", (cell, run) -> logLikelihood(run.model(), cell.data()));
    m.put("llBelowMle", (cell, run) -> logLikelihood(mle(c, cell.data()).model(), cell.data())
        - logLikelihood(run.model(), cell.data()));
    m.put("truthLlBelowMle", (cell, run) -> logLikelihood(mle(c, cell.data()).model(), cell.data())
        - logLikelihood(truth(cell), cell.data()));
    m.put("klFromData", (cell, run) -> klFromData(run.model(), cell.data()));
    m.put("steps", (cell, run) -> run.history().intColumn("step").max());
    return m;
  }

  private static BoltzmannMachine truth(Cell<BoltzmannMomentsConfig> cell) {
    return new BoltzmannMomentsStudy().truth(cell.config(), cell.seed());
  }

  @Override
  public Map<String, Function<Runs<BoltzmannMomentsConfig, BoltzmannMachine>, Figure>> figures(
      BoltzmannMomentsConfig c) {
    Map<String, Function<Runs<BoltzmannMomentsConfig, BoltzmannMachine>, Figure>> f = new LinkedHashMap<>();
    f.put("scatter", runs -> {
      int seed = runs.firstSeed();
      XYChart ch = Plots.chart("Learned parameters against the maximum-likelihood estimate (Newton), seed " + seed,
          "theta_MLE", "theta");
      var any = runs.trials().stream().filter(t -> t.cell().seed() == seed).findFirst().orElseThrow();
      double[] mle = Batches.toArray(mle(c, any.cell().data()).model().params());
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : mle) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      for (String m : c.methods()) {
        if (m.equals("newton")) {
          continue;
        }
        runs.first(m, t -> t.cell().seed() == seed).ifPresent(t -> scatter(ch, m, mle,
            Batches.toArray(t.run().model().params())));
      }
      scatter(ch, "ground truth", mle, Batches.toArray(truth(any.cell()).params()));
      XYSeries diag = ch.addSeries("theta = theta_MLE", new double[] {lo, hi}, new double[] {lo, hi});
      diag.setMarker(SeriesMarkers.NONE);
      diag.setLineColor(java.awt.Color.BLACK);
      return Figure.of(ch);
    });
    f.put("moment-gap", runs -> {
      int seed = runs.firstSeed();
      XYChart ch = Plots.chart("Moment gap max_k |E_data T_k - E_model T_k| over steps (seed " + seed + ")",
          "step + 1", "moment gap (Gibbs arm: chain estimate)");
      double last = 1;
      for (String m : c.methods()) {
        var trial = runs.first(m, t -> t.cell().seed() == seed);
        if (trial.isEmpty()) {
          continue;
        }
        Table h = trial.get().run().history();
        double[] x = h.numberColumn("step").asDoubleArray();
        double[] y = h.numberColumn("momentGap").asDoubleArray();
        for (int i = 0; i < y.length; i++) {
          x[i] += 1;
          y[i] = Math.max(y[i], 1e-16);
          last = Math.max(last, x[i]);
        }
        ch.addSeries(m, x, y).setMarker(m.equals("newton") ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      }
      Plots.reference(ch, "tolerance " + c.tolerance(), 1, last, Math.max(c.tolerance(), 1e-16));
      ch.getStyler().setXAxisLogarithmic(true);
      Plots.logY(ch);
      ch.getStyler().setYAxisDecimalPattern("0E0");
      return Figure.of(Plots.logY(ch));
    });
    return f;
  }

  private static void scatter(XYChart ch, String name, double[] x, double[] y) {
    XYSeries s = ch.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("sites", "6", "dataSize", "1000", "steps", "300", "gibbsSteps", "100", "walkers", "200");
  }

  @Override
  public String report(BoltzmannMomentsConfig c) {
    int p = c.sites() + c.sites() * (c.sites() - 1) / 2;
    return String.format(Locale.ROOT, "A fully visible Boltzmann machine on n = %d units (%d parameters: biases and"
        + " pair couplings), ground truth drawn N(0, %.2f^2) per seed, %d exact draws from it. Arms: gradient ascent"
        + " on the mean log-likelihood with exact model moments (rate %.2f, until the moment gap is %.0e or %d steps),"
        + " with model moments from %d persistent heat-bath chains (%d sweep(s) per step, rate %.3f, %d steps), and"
        + " Newton's method with the exact Fisher information (the maximum-likelihood reference, theta_MLE). Look for"
        + " exact moment matching agreeing with Newton to about the tolerance (maxErrorVsMle); for the Gibbs arm within"
        + " Monte Carlo error of it: a moment gap of a few 1e-3 and a log-likelihood a few 1e-4 below the maximum"
        + " (llBelowMle), though single parameters may be off by 0.1-0.2 along poorly determined directions (small"
        + " eigenvalues of the Fisher information Cov[T]); and for the truth being further from the MLE than any fit"
        + " (mleErrorVsTruth, truthLlBelowMle ~ P / 2N): with %d draws the estimate's own sampling error dominates.",
        c.sites(), p, c.truthScale(), c.dataSize(), c.learningRate(), c.tolerance(), c.steps(), c.walkers(),
        c.sweeps(), c.gibbsLearningRate(), c.gibbsSteps(), c.dataSize());
  }
}
