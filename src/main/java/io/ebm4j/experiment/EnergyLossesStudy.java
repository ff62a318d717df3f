package io.ebm4j.experiment;

import io.ebm4j.conditional.ConditionalEnergies;
import io.ebm4j.conditional.ConditionalEnergy;
import io.ebm4j.conditional.ConditionalTraining;
import io.ebm4j.conditional.Inference;
import io.ebm4j.conditional.Loss;
import io.ebm4j.conditional.Losses;
import io.ebm4j.data.Datasets;
import io.ebm4j.data.LabeledData;
import io.ebm4j.data.TrainTest;
import io.ebm4j.nd.Batches;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Seeds;
import io.ebm4j.study.Study;
import io.ebm4j.study.Trial;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The loss table of LeCun, Chopra, Hadsell, Ranzato and Huang ("A Tutorial on Energy-Based Learning", in Predicting
 * Structured Data, MIT Press 2006, http://yann.lecun.com/exdb/publis/pdf/lecun-06.pdf) on real classification: the
 * same conditional energy E(W, y, x) is trained with each of the ten losses on the 8x8 digits, wine and iris (a
 * seeded split, features standardised with the training part's moments), and each run is scored by the test
 * accuracy of y* = argmin_y E, its training time, and whether it collapsed. The default energy is the joint
 * embedding |G(x) - H_y|^2 / 2, which is zero for every answer at once when G(x) and every H_y sit at one point; with
 * weight decay that flat surface is the minimum of the energy loss (no contrastive term) and of the zero-margin
 * perceptron and LVQ2 losses, and the runs show it (the tutorial's section 2.2: a loss needs a contrastive term with a
 * margin unless the architecture prevents collapse).
 *
 * <pre>{@code
 * Result r = new EnergyLossesStudy().run(EnergyLossesConfig.defaults().with("datasets", "iris"));
 * r.summary();   // dataset, loss, testAccuracy, spread, collapsed, seconds, ...
 * }</pre>
 */
public final class EnergyLossesStudy implements Study<EnergyLossesConfig, ConditionalEnergy> {
  private static final Map<String, LabeledData> RAW = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "energy-losses";
  }

  @Override
  public String description() {
    return "LeCun et al. 2006, the loss table: one conditional energy trained with each of ten losses on digits, wine"
        + " and iris; test accuracy, time and collapse";
  }

  @Override
  public EnergyLossesConfig defaults() {
    return EnergyLossesConfig.defaults();
  }

  /** The raw data set by name (loaded once). */
  static LabeledData raw(String dataset) {
    return RAW.computeIfAbsent(dataset, d -> switch (d) {
      case "digits" -> Datasets.digits();
      case "wine" -> Datasets.wine();
      case "iris" -> Datasets.iris();
      default -> throw new IllegalArgumentException("unknown dataset '" + d + "'");
    });
  }

  /** Number of classes of a data set. */
  static int classes(String dataset) {
    return dataset.equals("digits") ? 10 : 3;
  }

  /**
   * The seeded train/test split of a data set, both parts standardised with the training part's column means and
   * standard deviations.
   */
  public static TrainTest split(String dataset, EnergyLossesConfig c, int seed) {
    LabeledData all = raw(dataset);
    int test = (int) Math.max(1, Math.round(all.size() * c.testFraction()));
    TrainTest tt = all.split(all.size() - test, Seeds.stream("energy-losses", "split-" + dataset, seed));
    INDArray mean = tt.train().x().mean(0);
    INDArray sd = tt.train().x().std(false, 0);
    for (int j = 0; j < sd.length(); j++) {
      if (!(sd.getDouble(j) > 0)) {
        sd.putScalar(j, 1.0);
      }
    }
    return new TrainTest(standardise(tt.train(), mean, sd), standardise(tt.test(), mean, sd));
  }

  private static LabeledData standardise(LabeledData d, INDArray mean, INDArray sd) {
    INDArray x = d.x().subRowVector(mean).diviRowVector(sd);
    return new LabeledData(x, d.labels(), d.featureNames(), d.name() + " (standardised)");
  }

  /** The untrained energy of a data set: the same for every loss at a seed. */
  public static ConditionalEnergy model(EnergyLossesConfig c, String dataset, int seed) {
    int d = raw(dataset).featureNames().size();
    int k = classes(dataset);
    int[] hidden = c.hidden() == 0 ? new int[0] : new int[] {c.hidden()};
    long init = Seeds.stream("energy-losses", "init-" + dataset, seed);
    return switch (c.model()) {
      case "embedding" -> ConditionalEnergies.embedding(d, k, c.embedDim(), hidden, init);
      case "mlp" -> ConditionalEnergies.mlp(d, k, hidden, init);
      default -> ConditionalEnergies.linear(d, k, init);
    };
  }

  /** Mean over rows of max_y E - min_y E: zero when every answer has the same energy. */
  public static double spread(INDArray energies) {
    int n = (int) energies.rows();
    double s = 0;
    for (int i = 0; i < n; i++) {
      INDArray r = energies.getRow(i);
      s += r.maxNumber().doubleValue() - r.minNumber().doubleValue();
    }
    return s / n;
  }

  /** Mean over rows of E(W, Ybar, x_i) - E(W, y_i, x_i), positive when the correct answer wins by a margin. */
  public static double gap(INDArray energies, int[] labels) {
    INDArray e = energies.dup();
    DoubleBuffer b = Batches.buffer(e);
    int n = (int) e.rows();
    int k = (int) e.columns();
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += b.get(i * k + Losses.mostOffending(b, i * k, k, labels[i])) - b.get(i * k + labels[i]);
    }
    java.lang.ref.Reference.reachabilityFence(e);
    return s / n;
  }

  /** The accuracy of always answering the most frequent class of the labels. */
  public static double chance(int[] labels, int classes) {
    int[] count = new int[classes];
    int best = 0;
    for (int y : labels) {
      best = Math.max(best, ++count[y]);
    }
    return best / (double) labels.length;
  }

  /** Whether a run collapsed: its test energies flattened, or its test accuracy fell to chance. */
  static boolean collapsed(EnergyLossesConfig c, double spreadRatio, double accuracy, double chance) {
    return spreadRatio < c.collapseTolerance() || accuracy <= chance + c.collapseTolerance() * (1 - chance);
  }

  /**
   * The standardised training inputs of the first data set. Each arm loads its own data set's split ({@link #split})
   * with its labels, which the study's shared data batch cannot carry.
   */
  @Override
  public INDArray data(EnergyLossesConfig c, int seed) {
    return split(c.datasets().get(0), c, seed).train().x();
  }

  @Override
  public List<Arm<EnergyLossesConfig, ConditionalEnergy>> arms(EnergyLossesConfig c) {
    List<Arm<EnergyLossesConfig, ConditionalEnergy>> arms = new ArrayList<>();
    for (String ds : c.datasets()) {
      for (String l : c.losses()) {
        arms.add(Arm.<EnergyLossesConfig, ConditionalEnergy>custom(l, cell -> model(c, ds, cell.seed()),
            (cell, model, label, progress) -> {
              TrainTest tt = split(ds, c, cell.seed());
              Loss loss = Losses.byName(l, c.margin(), c.cap(), c.beta());
              INDArray xt = tt.test().x();
              int[] yt = tt.test().labels();
              double chance = chance(yt, classes(ds));
              return ConditionalTraining.of(model).data(tt.train().x(), tt.train().labels()).loss(loss)
                  .optimizer(new Adam(c.learningRate())).weightDecay(c.weightDecay()).epochs(c.epochs())
                  .batchSize(c.batchSize())
                  .seed(cell.stream("batches-" + ds)).label(label).progress(progress)
                  .track("testAccuracy", m -> Inference.accuracy(m, xt, yt))
                  .track("spread", m -> spread(m.energies(xt)))
                  .track("gap", m -> gap(m.energies(xt), yt))
                  .track("chance", m -> chance)
                  .run();
            }).tag("dataset", ds));
      }
    }
    return arms;
  }

  @Override
  public Map<String, Metric<EnergyLossesConfig, ConditionalEnergy>> metrics(EnergyLossesConfig c) {
    Map<String, Metric<EnergyLossesConfig, ConditionalEnergy>> m = new LinkedHashMap<>();
    m.put("testAccuracy", Metric.last("testAccuracy"));
    m.put("trainAccuracy", Metric.last("trainAccuracy"));
    m.put("trainSeconds", (cell, run) -> run.seconds());
    m.put("spread", Metric.last("spread"));
    m.put("spreadRatio", EnergyLossesStudy::spreadRatio);
    m.put("gap", Metric.last("gap"));
    m.put("collapsed", (cell, run) -> collapsed(c, spreadRatio(cell, run), run.last("testAccuracy"),
        run.last("chance")) ? 1 : 0);
    return m;
  }

  private static double spreadRatio(io.ebm4j.study.Cell<EnergyLossesConfig> cell,
      io.ebm4j.train.Run<ConditionalEnergy> run) {
    return run.last("spread") / run.history().numberColumn("spread").getDouble(0);
  }

  /** The trials of one data set. */
  static List<Trial<EnergyLossesConfig, ConditionalEnergy>> trials(Runs<EnergyLossesConfig, ConditionalEnergy> runs,
      String ds, String loss) {
    return runs.where(t -> t.arm().label().equals(loss) && ds.equals(t.arm().tags().get("dataset")));
  }

  @Override
  public Map<String, Function<Runs<EnergyLossesConfig, ConditionalEnergy>, Figure>> figures(EnergyLossesConfig c) {
    Map<String, Function<Runs<EnergyLossesConfig, ConditionalEnergy>, Figure>> f = new LinkedHashMap<>();
    f.put("accuracy", runs -> Figure.of(accuracyChart(c, runs)));
    for (String ds : c.datasets()) {
      f.put("spread-" + ds, runs -> Figure.of(curves(c, runs, ds, "spread",
          "Energy spread max_y E - min_y E on the " + ds + " test set (seed " + runs.firstSeed() + ")",
          "mean spread (log scale)", true)));
      f.put("accuracy-curves-" + ds, runs -> Figure.of(curves(c, runs, ds, "testAccuracy",
          "Test accuracy of argmin_y E during training on " + ds + " (seed " + runs.firstSeed() + ")",
          "test accuracy", false)));
    }
    if (c.datasets().contains("digits")) {
      f.put("energies-digits", runs -> {
        TrainTest tt = split("digits", c, runs.firstSeed());
        Map<String, ConditionalEnergy> models = new LinkedHashMap<>();
        for (String l : c.losses()) {
          trials(runs, "digits", l).stream().filter(t -> t.cell().seed() == runs.firstSeed()).findFirst()
              .ifPresent(t -> models.put(l, t.run().model()));
        }
        String title = "E(y, x) for 8 test digits after training (seed " + runs.firstSeed() + ")";
        return Figure.of(EnergyLossesHeatMap.draw(title, models, tt.test(), 8), title);
      });
    }
    return f;
  }

  private static CategoryChart accuracyChart(EnergyLossesConfig c, Runs<EnergyLossesConfig, ConditionalEnergy> runs) {
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(500)
        .title("Test accuracy of argmin_y E per loss (mean and sd over " + runs.seeds().size() + " seed"
            + (runs.seeds().size() == 1 ? "" : "s") + ")")
        .xAxisTitle("loss").yAxisTitle("test accuracy").build();
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    for (String ds : c.datasets()) {
      List<String> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> es = new ArrayList<>();
      for (String l : c.losses()) {
        double[] acc = trials(runs, ds, l).stream().mapToDouble(t -> t.metric("testAccuracy")).toArray();
        double mean = java.util.Arrays.stream(acc).average().orElse(Double.NaN);
        double var = java.util.Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum() / Math.max(1, acc.length - 1);
        xs.add(l);
        ys.add(mean);
        es.add(Math.sqrt(var));
      }
      chart.addSeries(ds, xs, ys, es);
    }
    return chart;
  }

  private static XYChart curves(EnergyLossesConfig c, Runs<EnergyLossesConfig, ConditionalEnergy> runs, String ds,
      String column, String title, String yLabel, boolean log) {
    XYChart chart = Plots.chart(title, "epoch", yLabel);
    if (log) {
      chart.getStyler().setYAxisLogarithmic(true);
    }
    for (String l : c.losses()) {
      trials(runs, ds, l).stream().filter(t -> t.cell().seed() == runs.firstSeed()).findFirst().ifPresent(t -> {
        var h = t.run().history();
        double[] x = h.numberColumn("epoch").asDoubleArray();
        double[] y = h.numberColumn(column).asDoubleArray();
        if (log) {
          for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(y[i], 1e-12);
          }
        }
        chart.addSeries(l, x, y);
      });
    }
    return chart;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("datasets", "iris", "losses", "energy,hinge,nll", "epochs", "3", "hidden", "8", "embedDim", "4");
  }

  @Override
  public String report(EnergyLossesConfig c) {
    String model = switch (c.model()) {
      case "embedding" -> "the joint-embedding energy E(W, y, x) = |G(x) - H_y|^2 / 2 (G: " + (c.hidden() == 0
          ? "affine" : "one tanh layer of " + c.hidden()) + ", m = " + c.embedDim() + ")";
      case "mlp" -> "the MLP energy E(W, y, x) = -MLP(x)_y (one tanh layer of " + c.hidden() + ")";
      default -> "the linear energy E(W, y, x) = -(x W + b)_y";
    };
    return String.format(Locale.ROOT, "Each loss of the tutorial's table trains %s on %s (a %.0f%% test split,"
        + " features standardised with the training moments), with Adam at %.3g and L2 weight decay %.3g for %d epochs"
        + " of batches of %d; margin m = %.3g, LVQ2 cap M = %.3g, beta = %.3g. Ybar is the most offending incorrect"
        + " answer, argmin_{y != y_i} E. `spread` is the mean of max_y E - min_y E over the test set, `gap` the mean of"
        + " E(Ybar) - E(y_i), `trainSeconds` the wall time of the training (under load when the machine is shared); a"
        + " run counts as collapsed when its spread ends below %.3g of its initial value or its test accuracy is within"
        + " that fraction of chance. The energy loss has no contrastive term and is zero for the collapsed model"
        + " W = 0, where every answer's energy is 0; the perceptron and LVQ2 losses have a zero margin and are also zero"
        + " on a flat energy surface; weight decay makes the collapsed model the minimum of all three. Look for: those"
        + " three collapsing (on the small sets only after more updates, e.g. --set epochs=500) while the losses with"
        + " a positive margin (hinge, log, MCE, square-square, square-exp, NLL, MEE) keep the energies apart and reach"
        + " similar accuracies.", model, String.join(", ", c.datasets()), 100 * c.testFraction(), c.learningRate(),
        c.weightDecay(), c.epochs(), c.batchSize(), c.margin(), c.cap(), c.beta(), c.collapseTolerance());
  }
}
