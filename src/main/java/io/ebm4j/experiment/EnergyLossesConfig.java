package io.ebm4j.experiment;

import io.ebm4j.conditional.Losses;
import io.ebm4j.study.Config;
import java.util.List;
import java.util.Set;

/**
 * Settings of the energy-losses study: one conditional energy trained with each loss of the tutorial's table on
 * real classification sets.
 *
 * @param datasets among digits, wine, iris
 * @param losses among energy, perceptron, hinge, log, lvq2, mce, square-square, square-exp, nll, mee
 * @param model the conditional energy: embedding (|G(x) - H_y|^2 / 2), mlp (-MLP(x)_y) or linear (-(x W + b)_y)
 * @param hidden width of the one tanh hidden layer of G or of the MLP (0: none, G affine)
 * @param embedDim dimension m of the embedding (embedding model only)
 * @param margin margin m of the hinge and square-square losses
 * @param cap cap M of the LVQ2 loss
 * @param beta inverse temperature beta of the square-exp, NLL and MEE losses
 * @param learningRate Adam learning rate
 * @param weightDecay L2 weight decay lambda (the step minimises loss + lambda |W|^2 / 2); it makes the collapsed model
 *     W = 0, where every energy is zero, the unique minimum of the energy loss
 * @param epochs passes over the training set
 * @param batchSize rows per step
 * @param testFraction share of each data set held out for testing (seeded split)
 * @param collapseTolerance a run has collapsed when the mean spread max_y E - min_y E of its test energies ends below
 *     this fraction of its initial value, or its test accuracy is within this fraction of (1 - chance) of chance
 */
public record EnergyLossesConfig(List<String> datasets, List<String> losses, String model, int hidden, int embedDim,
    double margin, double cap, double beta, double learningRate, double weightDecay, int epochs, int batchSize,
    double testFraction, double collapseTolerance) implements Config<EnergyLossesConfig> {

  /** Data set names understood by the study. */
  public static final List<String> DATASETS = List.of("digits", "wine", "iris");
  /** Model names understood by the study. */
  public static final Set<String> MODELS = Set.of("embedding", "mlp", "linear");

  public EnergyLossesConfig {
    if (datasets == null || datasets.isEmpty()) {
      throw new IllegalArgumentException("datasets must not be empty; known: " + String.join(", ", DATASETS));
    }
    for (String d : datasets) {
      if (!DATASETS.contains(d)) {
        throw new IllegalArgumentException("unknown dataset '" + d + "'; known: " + String.join(", ", DATASETS));
      }
    }
    if (losses == null || losses.isEmpty()) {
      throw new IllegalArgumentException("losses must not be empty; known: " + String.join(", ", Losses.NAMES));
    }
    for (String l : losses) {
      if (!Losses.NAMES.contains(l)) {
        throw new IllegalArgumentException("unknown loss '" + l + "'; known: " + String.join(", ", Losses.NAMES));
      }
    }
    if (!MODELS.contains(model)) {
      throw new IllegalArgumentException("model must be embedding, mlp or linear, got '" + model + "'");
    }
    if (hidden < 0) {
      throw new IllegalArgumentException("hidden must be non-negative, got " + hidden);
    }
    if (embedDim < 1) {
      throw new IllegalArgumentException("embedDim must be at least 1, got " + embedDim);
    }
    positive("margin", margin);
    positive("cap", cap);
    positive("beta", beta);
    positive("learningRate", learningRate);
    if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
      throw new IllegalArgumentException("weightDecay must be non-negative and finite, got " + weightDecay);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
    }
    if (!(collapseTolerance > 0 && collapseTolerance < 1)) {
      throw new IllegalArgumentException("collapseTolerance must be in (0, 1), got " + collapseTolerance);
    }
    datasets = List.copyOf(datasets);
    losses = List.copyOf(losses);
  }

  private static void positive(String name, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
    }
  }

  /**
   * All three data sets and all ten losses on the joint-embedding energy (one tanh hidden layer of 32, embedding
   * dimension 16), margin 1, cap 2, beta 1, Adam 3e-3 with weight decay 0.01, 30 epochs of batches of 32, a quarter
   * held out.
   */
  public static EnergyLossesConfig defaults() {
    return new EnergyLossesConfig(DATASETS, Losses.NAMES, "embedding", 32, 16, 1.0, 2.0, 1.0, 3e-3, 1e-2, 30, 32,
        0.25, 0.05);
  }
}
