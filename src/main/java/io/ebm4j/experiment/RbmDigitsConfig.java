package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;
import java.util.Set;

/**
 * Settings of the RBM study on binarised 8x8 digits.
 *
 * @param threshold pixels (0..16) above this are 1, the others 0
 * @param trainSize images of the seeded permutation used for training; the rest are held out
 * @param splitSeed seed of the permutation (fixed across the sweep's seeds, so every seed is scored on the same
 *     held-out images)
 * @param hidden number of hidden units
 * @param weightStd standard deviation of the initial weights (visible biases start at the data's logits)
 * @param learningRate SGD learning rate
 * @param batchSize minibatch size
 * @param epochs passes over the training images
 * @param walkers persistent walkers of PCD and Jarzynski-PCD
 * @param resampleBelowEss Jarzynski resampling threshold on ESS/N
 * @param methods among cd1, cd10, pcd, jarzynski
 * @param logEvery a history row (pseudo-log-likelihood of the training images) every this many epochs
 * @param aisBetas intermediate distributions of annealed importance sampling
 * @param aisRuns independent AIS runs
 * @param sampleSweeps block Gibbs sweeps from noise for the samples figure
 */
public record RbmDigitsConfig(double threshold, int trainSize, int splitSeed, int hidden, double weightStd,
    double learningRate, int batchSize, int epochs, int walkers, double resampleBelowEss, List<String> methods,
    int logEvery, int aisBetas, int aisRuns, int sampleSweeps) implements Config<RbmDigitsConfig> {

  /** Method names understood by the study. */
  public static final Set<String> METHODS = Set.of("cd1", "cd10", "pcd", "jarzynski");

  public RbmDigitsConfig {
    if (!Double.isFinite(threshold) || threshold < 0 || threshold >= 16) {
      throw new IllegalArgumentException("threshold must be in [0, 16), got " + threshold);
    }
    if (trainSize < 1 || trainSize >= 1797) {
      throw new IllegalArgumentException("trainSize must be in [1, 1796], got " + trainSize);
    }
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be at least 1, got " + hidden);
    }
    if (!(weightStd >= 0) || !Double.isFinite(weightStd)) {
      throw new IllegalArgumentException("weightStd must be non-negative and finite, got " + weightStd);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (walkers < 1) {
      throw new IllegalArgumentException("walkers must be at least 1, got " + walkers);
    }
    if (!(resampleBelowEss > 0 && resampleBelowEss <= 1)) {
      throw new IllegalArgumentException("resampleBelowEss must be in (0, 1], got " + resampleBelowEss);
    }
    if (methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("methods must not be empty, got " + methods);
    }
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("methods must be among cd1, cd10, pcd, jarzynski, got '" + m + "'");
      }
    }
    if (logEvery < 1) {
      throw new IllegalArgumentException("logEvery must be at least 1, got " + logEvery);
    }
    if (aisBetas < 3) {
      throw new IllegalArgumentException("aisBetas must be at least 3, got " + aisBetas);
    }
    if (aisRuns < 2) {
      throw new IllegalArgumentException("aisRuns must be at least 2, got " + aisRuns);
    }
    if (sampleSweeps < 1) {
      throw new IllegalArgumentException("sampleSweeps must be at least 1, got " + sampleSweeps);
    }
    methods = List.copyOf(methods);
  }

  /**
   * scikit-learn's protocol (pixels above 7, 1500 training images, 100 hidden units, learning rate 0.05, batch 20,
   * 20 persistent walkers as its BernoulliRBM keeps one per minibatch row) with 10 epochs and 2000 AIS
   * distributions; {@link #issue} has the full settings.
   */
  public static RbmDigitsConfig defaults() {
    return new RbmDigitsConfig(7, 1500, 0, 100, 0.01, 0.05, 20, 10, 20, 0.5,
        List.of("cd1", "cd10", "pcd", "jarzynski"), 5, 2000, 100, 1000);
  }

  /** The compared settings: 30 epochs, AIS with 10000 distributions and 100 runs. */
  public static RbmDigitsConfig issue() {
    return defaults().with("epochs", 30).with("aisBetas", 10_000);
  }
}
