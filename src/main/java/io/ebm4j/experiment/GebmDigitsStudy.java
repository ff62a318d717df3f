package io.ebm4j.experiment;

import io.ebm4j.data.Datasets;
import io.ebm4j.data.LabeledData;
import io.ebm4j.data.TrainTest;
import io.ebm4j.estimate.FrechetDistance;
import io.ebm4j.estimate.IntrinsicDimension;
import io.ebm4j.gebm.Gebm;
import io.ebm4j.gebm.KaleTrainer;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.StepInfo;
import io.ebm4j.show.Figure;
import io.ebm4j.show.Plots;
import io.ebm4j.study.Arm;
import io.ebm4j.study.Metric;
import io.ebm4j.study.Runs;
import io.ebm4j.study.Seeds;
import io.ebm4j.study.Study;
import io.ebm4j.study.Trial;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
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
 * Generalized energy-based models on the 8x8 digits (Arbel, Zhou, Gretton, "Generalized Energy Based Models", ICLR
 * 2021, https://arxiv.org/abs/2003.05033, at the scale of this data set): an MLP generator with a low-dimensional
 * latent space and an MLP energy, trained by alternating KALE steps on pixels in [0, 1]. Samples of the base and of
 * the GEBM (latent MCMC, and exact importance resampling) are compared with held-out digits by the Frechet distance in
 * the hidden-layer features of a fixed small classifier trained on the training digits (the FID idea), and by the
 * Levina-Bickel intrinsic dimension.
 *
 * <pre>{@code
 * Result r = new GebmDigitsStudy().run(Sweep.of(GebmDigitsConfig.defaults()).seeds(0, 1, 2));
 * }</pre>
 */
public final class GebmDigitsStudy implements Study<GebmDigitsConfig, Gebm> {
  static final String NAME = "gebm-digits";
  private static final Map<Gebm, Eval> EVALS = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Arbel, Zhou, Gretton 2021: GEBM (MLP generator + MLP energy, KALE) on 8x8 digits, Frechet feature score";
  }

  @Override
  public GebmDigitsConfig defaults() {
    return GebmDigitsConfig.defaults();
  }

  /** The split of the digits (pixels / 16, in [0, 1]) for a seed. */
  static TrainTest split(GebmDigitsConfig c, long seed) {
    LabeledData all = Datasets.digits().scaled(1 / 16.0);
    return all.split(c.trainSize(), Seeds.stream(NAME, "split", seed));
  }

  @Override
  public INDArray data(GebmDigitsConfig c, int seed) {
    return split(c, seed).train().x();
  }

  @Override
  public List<Arm<GebmDigitsConfig, Gebm>> arms(GebmDigitsConfig c) {
    return List.of(Arm.<GebmDigitsConfig, Gebm>custom("gebm",
            cell -> Gebm.builder(64, c.latentDim()).energyHidden(c.hiddenArray()).generatorHidden(c.hiddenArray())
                .seed(cell.stream("init")).build(),
            (cell, model, label, progress) -> {
              KaleTrainer t = KaleTrainer.of(model, cell.data()).seed(cell.stream("kale")).batchSize(c.batchSize())
                  .learningRate(c.learningRate()).baseLearningRate(c.baseLearningRate()).betas(c.beta1(), c.beta2())
                  .energySteps(c.energySteps()).gradientPenalty(c.gradientPenalty());
              return GebmRuns.train(t, c.steps(), c.refineSteps(), c.logEvery(), c.settings(), label, progress);
            })
        .tag("latentDim", c.latentDim()));
  }

  /** Samples, features and scores of a trained model, computed once per model. */
  record Eval(INDArray test, INDArray base, INDArray latent, INDArray exact, double fdBase, double fdLatent,
      double fdExact, double fdTrain, double accuracy, double acceptance, double idData, double idBase,
      double idGebm) {}

  static Eval evaluate(GebmDigitsConfig c, Gebm q, int seed) {
    Eval e = EVALS.get(q);
    if (e != null) {
      return e;
    }
    TrainTest parts = split(c, seed);
    DigitFeatures f = DigitFeatures.train(parts.train().x(), parts.train().labels(), c.featureWidth(),
        c.classifierSteps(), Seeds.stream(NAME, "classifier", seed));
    INDArray test = parts.test().x();
    int n = c.samples();
    INDArray base = q.sampleBase(n, new Rng(Seeds.stream(NAME, "base-samples", seed)));
    Rng rng = new Rng(Seeds.stream(NAME, "latent-chains", seed));
    var u = q.latentEnergy(c.temperature());
    var k = GebmToyStudy.kernel(c.sampler(), c.stepSize()).fresh();
    var ch = k.init(u, q.base().latents(n, rng));
    double acc = 0;
    for (int s = 0; s < c.samplerSteps(); s++) {
      StepInfo info = k.step(u, ch, rng);
      acc += info.acceptance();
    }
    INDArray latent = q.base().generate(ch.positions());
    INDArray exact = q.sampleExact(n, c.pool(), new Rng(Seeds.stream(NAME, "exact-samples", seed)));
    INDArray ft = f.features(test);
    e = new Eval(test, base, latent, exact, FrechetDistance.squared(f.features(base), ft),
        FrechetDistance.squared(f.features(latent), ft), FrechetDistance.squared(f.features(exact), ft),
        FrechetDistance.squared(f.features(parts.train().x()), ft), f.accuracy(test, parts.test().labels()),
        c.samplerSteps() == 0 ? Double.NaN : acc / c.samplerSteps(), dimension(test), dimension(base),
        dimension(latent));
    EVALS.put(q, e);
    return e;
  }

  private static double dimension(INDArray x) {
    int kMax = (int) Math.min(20, x.rows() - 1);
    return IntrinsicDimension.of(x, Math.min(10, kMax), kMax).corrected();
  }

  private static Metric<GebmDigitsConfig, Gebm> eval(Function<Eval, Double> f) {
    return (cell, run) -> f.apply(evaluate(cell.config(), run.model(), cell.seed()));
  }

  @Override
  public Map<String, Metric<GebmDigitsConfig, Gebm>> metrics(GebmDigitsConfig c) {
    Map<String, Metric<GebmDigitsConfig, Gebm>> m = new LinkedHashMap<>();
    m.put("fdRatio", eval(e -> e.fdLatent() / e.fdBase()));
    m.put("fdRatioExact", eval(e -> e.fdExact() / e.fdBase()));
    m.put("fdBase", eval(Eval::fdBase));
    m.put("fdGebm", eval(Eval::fdLatent));
    m.put("fdTrainData", eval(Eval::fdTrain));
    m.put("classifierAccuracy", eval(Eval::accuracy));
    m.put("acceptance", eval(Eval::acceptance));
    m.put("idData", eval(Eval::idData));
    m.put("idBase", eval(Eval::idBase));
    m.put("idGebm", eval(Eval::idGebm));
    m.put("logZ", Metric.last("logZ"));
    m.put("kale", Metric.last("kale"));
    return m;
  }

  /** A grid of 8x8 images (rows of x, pixels in [0, 1]) scaled up, with a caption. */
  static BufferedImage grid(INDArray x, int cols, int rows, int scale, String caption) {
    int pad = 2;
    int cell = 8 * scale + pad;
    int top = 22;
    BufferedImage img = new BufferedImage(cols * cell + pad, rows * cell + pad + top, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(caption, 4, 16);
    DoubleBuffer b = Batches.buffer(x);
    int n = (int) Math.min(x.rows(), (long) cols * rows);
    for (int i = 0; i < n; i++) {
      int ox = pad + (i % cols) * cell;
      int oy = top + pad + (i / cols) * cell;
      for (int p = 0; p < 64; p++) {
        double v = Math.max(0, Math.min(1, b.get(i * 64 + p)));
        int grey = (int) Math.round(255 * (1 - v));
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(ox + (p % 8) * scale, oy + (p / 8) * scale, scale, scale);
      }
    }
    g.dispose();
    return img;
  }

  private static Trial<GebmDigitsConfig, Gebm> first(Runs<GebmDigitsConfig, Gebm> runs) {
    for (Trial<GebmDigitsConfig, Gebm> t : runs.trials()) {
      if (t.cell().seed() == runs.firstSeed()) {
        return t;
      }
    }
    throw new IllegalStateException("no run of seed " + runs.firstSeed());
  }

  @Override
  public Map<String, Function<Runs<GebmDigitsConfig, Gebm>, Figure>> figures(GebmDigitsConfig c) {
    Map<String, Function<Runs<GebmDigitsConfig, Gebm>, Figure>> f = new LinkedHashMap<>();
    f.put("held-out-digits", runs -> {
      Trial<GebmDigitsConfig, Gebm> t = first(runs);
      Eval e = evaluate(c, t.run().model(), t.cell().seed());
      return Figure.of(grid(e.test(), 10, 6, 4, "Held-out digits (seed " + t.cell().seed() + ")"),
          "Held-out digits");
    });
    f.put("base-samples", runs -> {
      Trial<GebmDigitsConfig, Gebm> t = first(runs);
      Eval e = evaluate(c, t.run().model(), t.cell().seed());
      return Figure.of(grid(e.base(), 10, 6, 4, "Base samples G(Z) (seed " + t.cell().seed() + ")"),
          "Base samples");
    });
    f.put("gebm-samples", runs -> {
      Trial<GebmDigitsConfig, Gebm> t = first(runs);
      Eval e = evaluate(c, t.run().model(), t.cell().seed());
      return Figure.of(grid(e.latent(), 10, 6, 4, "GEBM samples, latent " + c.sampler() + " (seed "
          + t.cell().seed() + ")"), "GEBM samples");
    });
    f.put("kale", runs -> {
      XYChart ch = Plots.chart("KALE lower bound during training (all seeds)", "step", "F(E + c)");
      for (Trial<GebmDigitsConfig, Gebm> t : runs.trials()) {
        Plots.add(ch, "seed " + t.cell().seed(), t.run().history(), "step", "kale");
      }
      return Figure.of(ch);
    });
    return f;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("trainSize", "300", "hidden", "16", "steps", "5", "batchSize", "32", "samplerSteps", "10", "samples", "100", "pool", "300", "classifierSteps", "20", "featureWidth", "8", "logEvery", "5");
  }

  @Override
  public String report(GebmDigitsConfig c) {
    return "Data: the 1797 8x8 digits, pixels / 16; " + c.trainSize() + " for training, the rest held out. GEBM:"
        + " generator from a " + c.latentDim() + "-dimensional Gaussian latent, MLP energy and generator "
        + c.hidden() + ", " + c.steps() + " alternating KALE steps (then " + c.refineSteps() + " with the base frozen; " + c.energySteps() + " energy steps + 1 base"
        + " step, batch " + c.batchSize() + ", gradient penalty " + c.gradientPenalty() + "). Scores: Frechet"
        + " distance to the held-out digits in the " + c.featureWidth() + " hidden features of a small classifier"
        + " trained on the training digits (classifierAccuracy on the held-out ones), for " + c.samples()
        + " samples of the base, of latent " + c.sampler() + " (" + c.samplerSteps() + " steps, h = "
        + c.stepSize() + ") and of exact importance resampling; fdTrainData is the same score for the training"
        + " digits (the floor).\n\nExpected: fdRatio = FD(GEBM) / FD(base) below 1.";
  }
}
