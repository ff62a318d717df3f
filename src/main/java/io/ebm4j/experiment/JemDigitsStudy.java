package io.ebm4j.experiment;

import io.ebm4j.data.Datasets;
import io.ebm4j.data.LabeledData;
import io.ebm4j.data.TrainTest;
import io.ebm4j.estimate.Auroc;
import io.ebm4j.estimate.CalibrationError;
import io.ebm4j.jem.JemTraining;
import io.ebm4j.jem.JointEnergyModel;
import io.ebm4j.jem.Sgld;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Histograms;
import io.ebm4j.show.Palette;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Seeds;
import io.ebm4j.study.Study;
import io.ebm4j.study.Trial;
import java.nio.DoubleBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * JEM on the 8x8 digits (Grathwohl, Wang, Jacobsen, Duvenaud, Norouzi, Swersky, "Your Classifier is Secretly an
 * Energy Based Model and You Should Treat It Like One", ICLR 2020, https://arxiv.org/abs/1912.03263, at the scale
 * of this data set): the same MLP trained as a plain classifier (cross-entropy) and as a joint energy-based model
 * (cross-entropy plus log p(x) by SGLD from a replay buffer). Compared on test accuracy, expected calibration error,
 * and out-of-distribution detection (AUROC of max_y p(y|x) and of -E(x) = logsumexp f(x), test digits against
 * uniform noise and against inverted digits); samples of p(x) (the replay buffer) and of p(x|y) (SGLD on -f(x)[y]).
 *
 * <pre>{@code
 * Result r = new JemDigitsStudy().run(Sweep.of(JemDigitsConfig.defaults()).seeds(0, 1, 2));
 * }</pre>
 */
public final class JemDigitsStudy implements Study<JemDigitsConfig, JointEnergyModel> {
  static final String NAME = "jem";
  static final String CLASSIFIER = "classifier";
  static final String JEM = "jem";
  private static final Map<JointEnergyModel, Eval> EVALS = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Grathwohl et al. 2020: JEM vs a plain classifier on 8x8 digits (accuracy, ECE, OOD AUROC, samples)";
  }

  @Override
  public JemDigitsConfig defaults() {
    return JemDigitsConfig.defaults();
  }

  /** The split of the digits (pixels / 8 - 1, in [-1, 1]) for a seed. */
  static TrainTest split(JemDigitsConfig c, long seed) {
    LabeledData all = Datasets.digits();
    LabeledData scaled = new LabeledData(all.x().div(8.0).subi(1.0), all.labels(), all.featureNames(), all.name());
    return scaled.split(c.trainSize(), Seeds.stream(NAME, "split", seed));
  }

  @Override
  public INDArray data(JemDigitsConfig c, int seed) {
    return split(c, seed).train().x();
  }

  @Override
  public List<Arm<JemDigitsConfig, JointEnergyModel>> arms(JemDigitsConfig c) {
    return List.of(arm(c, CLASSIFIER, 0.0), arm(c, JEM, c.generativeWeight()));
  }

  private static Arm<JemDigitsConfig, JointEnergyModel> arm(JemDigitsConfig c, String label, double weight) {
    return Arm.<JemDigitsConfig, JointEnergyModel>custom(label,
        cell -> JointEnergyModel.builder(64, 10).hidden(c.jem(0).hidden().stream().mapToInt(Integer::intValue)
            .toArray()).seed(cell.stream("init")).build(),
        (cell, model, name, progress) -> {
          TrainTest parts = split(c, cell.seed());
          return JemTraining.of(c.jem(cell.stream("train")).withGenerativeWeight(weight)).progress(progress, name)
              .run(model, parts.train().x(), parts.train().labels());
        }).tag("generativeWeight", weight);
  }

  /** Scores of a trained model on the test digits and the out-of-distribution sets, computed once per model. */
  record Eval(double accuracy, double ece, double meanConfidence, double aurocNoiseMaxProb, double aurocNoiseEnergy,
      double aurocInvertedMaxProb, double aurocInvertedEnergy, double[] negEnergyTest, double[] negEnergyNoise,
      double[] negEnergyInverted) {}

  static Eval evaluate(JemDigitsConfig c, JointEnergyModel m, int seed) {
    Eval e = EVALS.get(m);
    if (e != null) {
      return e;
    }
    TrainTest parts = split(c, seed);
    INDArray test = parts.test().x();
    int[] y = parts.test().labels();
    int[] pred = m.predict(test);
    double acc = 0;
    for (int i = 0; i < y.length; i++) {
      acc += pred[i] == y[i] ? 1.0 / y.length : 0;
    }
    INDArray noise = uniform(c.oodSize(), new Rng(Seeds.stream(NAME, "noise", seed)));
    INDArray inverted = test.neg();
    double[] pt = maxProb(m, test);
    double[] et = Batches.toArray(m.energy(test).negi());
    double[] en = Batches.toArray(m.energy(noise).negi());
    double[] ei = Batches.toArray(m.energy(inverted).negi());
    double conf = 0;
    for (double v : pt) {
      conf += v / pt.length;
    }
    e = new Eval(acc, CalibrationError.expected(m.predictProbabilities(test), y, c.bins()), conf,
        Auroc.of(pt, maxProb(m, noise)), Auroc.of(et, en), Auroc.of(pt, maxProb(m, inverted)), Auroc.of(et, ei), et,
        en, ei);
    EVALS.put(m, e);
    return e;
  }

  static INDArray uniform(int n, Rng rng) {
    INDArray a = Batches.zeros(n, 64);
    DoubleBuffer b = Batches.buffer(a);
    for (int q = 0; q < n * 64; q++) {
      b.put(q, 2 * rng.uniform() - 1);
    }
    return a;
  }

  private static double[] maxProb(JointEnergyModel m, INDArray x) {
    return Batches.toArray(m.predictProbabilities(x).max(1));
  }

  private static Metric<JemDigitsConfig, JointEnergyModel> eval(Function<Eval, Double> f) {
    return (cell, run) -> f.apply(evaluate(cell.config(), run.model(), cell.seed()));
  }

  @Override
  public Map<String, Metric<JemDigitsConfig, JointEnergyModel>> metrics(JemDigitsConfig c) {
    Map<String, Metric<JemDigitsConfig, JointEnergyModel>> m = new LinkedHashMap<>();
    m.put("testAccuracy", eval(Eval::accuracy));
    m.put("ece", eval(Eval::ece));
    m.put("meanConfidence", eval(Eval::meanConfidence));
    m.put("aurocNoiseMaxProb", eval(Eval::aurocNoiseMaxProb));
    m.put("aurocNoiseEnergy", eval(Eval::aurocNoiseEnergy));
    m.put("aurocInvertedMaxProb", eval(Eval::aurocInvertedMaxProb));
    m.put("aurocInvertedEnergy", eval(Eval::aurocInvertedEnergy));
    m.put("crossEntropy", Metric.last("crossEntropy"));
    return m;
  }

  /** Class-conditional samples: for each class, SGLD on E(x, y) = -f(x)[y] from uniform noise, rows by class. */
  static INDArray conditionalSamples(JemDigitsConfig c, JointEnergyModel m, int perClass, long stream) {
    Rng rng = new Rng(stream);
    INDArray out = Batches.zeros((long) perClass * 10, 64);
    DoubleBuffer ob = Batches.buffer(out);
    for (int y = 0; y < 10; y++) {
      INDArray x = uniform(perClass, rng.split());
      Sgld.run(m.classEnergy(y), x, c.sampleSteps(), c.stepSize(), c.noise(), rng.split());
      double[] xb = Batches.toArray(x);
      for (int i = 0; i < perClass; i++) {
        for (int p = 0; p < 64; p++) {
          // column y, row i of the grid
          ob.put((i * 10 + y) * 64 + p, xb[i * 64 + p]);
        }
      }
    }
    return out;
  }

  /** Pixels from [-1, 1] back to [0, 1] for display. */
  static INDArray display(INDArray x) {
    return x.add(1.0).divi(2.0);
  }

  @Override
  public Map<String, Function<Runs<JemDigitsConfig, JointEnergyModel>, Figure>> figures(JemDigitsConfig c) {
    Map<String, Function<Runs<JemDigitsConfig, JointEnergyModel>, Figure>> f = new LinkedHashMap<>();
    f.put("cross-entropy", runs -> {
      XYChart ch = Plots.chart("Training cross-entropy (minibatch; " + Plots.over(runs.seeds()) + ")",
          "step", "cross-entropy (nats)");
      for (Trial<JemDigitsConfig, JointEnergyModel> t : runs.trials()) {
        Plots.add(ch, t.arm().label() + " seed " + t.cell().seed(), t.run().history(), "step", "crossEntropy");
      }
      return Figure.of(ch);
    });
    f.put("energy-histograms", runs -> {
      XYChart ch = Plots.chart("-E(x) = logsumexp f(x) on test digits, noise, inverted digits (seed "
          + runs.firstSeed() + ")", "-E(x)", "density");
      List<String> arms = new java.util.ArrayList<>();
      List<Eval> evals = new java.util.ArrayList<>();
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (String arm : List.of(CLASSIFIER, JEM)) {
        var t = runs.first(arm);
        if (t.isPresent()) {
          Eval e = evaluate(c, t.get().run().model(), t.get().cell().seed());
          arms.add(arm);
          evals.add(e);
          for (double[] v : List.of(e.negEnergyTest(), e.negEnergyNoise(), e.negEnergyInverted())) {
            lo = Math.min(lo, min(v));
            hi = Math.max(hi, max(v));
          }
        }
      }
      hi = hi + Math.max(1e-6, (hi - lo) / 160);
      for (int a = 0; a < arms.size(); a++) {
        Eval e = evals.get(a);
        Histograms.add(ch, arms.get(a) + ": test digits", e.negEnergyTest(), null, lo, hi, 80)
            .setLineColor(Palette.of(3 * a).color());
        Histograms.add(ch, arms.get(a) + ": uniform noise", e.negEnergyNoise(), null, lo, hi, 80)
            .setLineColor(Palette.of(3 * a + 1).color());
        Histograms.add(ch, arms.get(a) + ": inverted digits", e.negEnergyInverted(), null, lo, hi, 80)
            .setLineColor(Palette.of(3 * a + 2).color());
      }
      return Figure.of(ch);
    });
    f.put("samples-p-x", runs -> {
      var t = runs.first(JEM).orElseThrow();
      INDArray buffer = t.run().walkers() == null ? Batches.zeros(1, 64) : t.run().walkers().positions();
      return Figure.of(GebmDigitsStudy.grid(display(buffer), 10, 6, 4, "JEM samples of p(x): replay buffer (seed "
          + t.cell().seed() + ")"), "JEM samples of p(x)");
    });
    f.put("samples-p-x-given-y", runs -> {
      var t = runs.first(JEM).orElseThrow();
      INDArray s = conditionalSamples(c, t.run().model(), 6, Seeds.stream(NAME, "conditional", t.cell().seed()));
      return Figure.of(GebmDigitsStudy.grid(display(s), 10, 6, 4, "JEM p(x|y), columns y = 0..9, " + c.sampleSteps()
          + " SGLD steps (seed " + t.cell().seed() + ")"), "JEM class-conditional samples");
    });
    f.put("test-digits", runs -> {
      TrainTest parts = split(c, runs.firstSeed());
      return Figure.of(GebmDigitsStudy.grid(display(parts.test().x()), 10, 6, 4, "Test digits (seed "
          + runs.firstSeed() + ")"), "Test digits");
    });
    return f;
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("trainSize", "300", "hidden", "16", "steps", "20", "batchSize", "16", "sgldSteps", "2",
        "bufferSize", "50", "sampleSteps", "5", "oodSize", "50", "logEvery", "5");
  }

  @Override
  public String report(JemDigitsConfig c) {
    return "Data: the 1797 8x8 digits, pixels mapped to [-1, 1]; " + c.trainSize() + " for training, the rest for"
        + " testing. Both arms train the same MLP 64 -> " + c.hidden() + " -> 10 logits f(x) for " + c.steps()
        + " Adam steps (batch " + c.batchSize() + ", lr " + c.learningRate() + "): 'classifier' by cross-entropy"
        + " only, 'jem' by cross-entropy plus " + c.generativeWeight() + " x the log p(x) term of E(x) = -logsumexp"
        + " f(x), with " + c.sgldSteps() + " SGLD steps (step " + c.stepSize() + ", noise " + c.noise() + ") from a"
        + " replay buffer of " + c.bufferSize() + " (restart probability " + c.reinitProbability() + "). Scores on"
        + " the test digits: accuracy, ECE (" + c.bins() + " bins), mean confidence max_y p(y|x) (below the"
        + " accuracy: under-confident), and AUROC of test digits against " + c.oodSize()
        + " uniform-noise images and against the inverted test digits, scored by max_y p(y|x) and by -E(x)."
        + "\n\nExpected (the paper's claims at this scale): JEM's accuracy within a few points of the classifier's;"
        + " JEM's -E(x) separates the digits from noise (AUROC near 1).";
  }
}
