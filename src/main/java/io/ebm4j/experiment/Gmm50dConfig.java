package io.ebm4j.experiment;

import java.util.List;
import java.util.Set;

/**
 * Settings of the d=50 Gaussian-mixture study of Carbone et al. (seed 000, the paper's public code). Defaults use
 * 2000 walkers so that {@code reproduce gmm-50d} takes about a minute; the paper's settings are
 * {@code --set walkers=10000} (what the tests check).
 *
 * @param dim dimension d
 * @param modeA position of the target's first mode along e1 (weight 1 - weightB)
 * @param modeB position of the target's second mode along e1
 * @param weightB target weight of mode b
 * @param dataSize number of data points (split exactly between the modes, as in the paper's code)
 * @param walkers number of walkers
 * @param stepSize ULA step h
 * @param steps training iterations
 * @param lrMeans learning rate of the means
 * @param lrLogWeights learning rate of the log-weights (the first is frozen)
 * @param initOffset model means start at -+ initOffset e1 ...
 * @param initNoise ... plus N(0, initNoise^2) noise in every coordinate
 * @param cdRestartEvery CD resets its walkers to the data after every this many iterations
 * @param cdLearningRateFactor CD's learning rates are this many times larger
 * @param weightVarianceThresholds Jarzynski resamples when E[w^2]/E[w]^2 - 1 (the squared coefficient of variation of
 *     the weights) exceeds this; one Jarzynski run per value
 * @param methods among jarzynski, pcd, cd
 * @param seeds seeds
 * @param logEvery history row every this many steps
 */
public record Gmm50dConfig(int dim, double modeA, double modeB, double weightB, int dataSize, int walkers,
    double stepSize, int steps, double lrMeans, double lrLogWeights, double initOffset, double initNoise,
    int cdRestartEvery, double cdLearningRateFactor, List<Double> weightVarianceThresholds, List<String> methods,
    List<Integer> seeds, int logEvery) {

  /** Method names understood by the study. */
  public static final Set<String> METHODS = Set.of("jarzynski", "pcd", "cd");

  public Gmm50dConfig {
    if (dim < 1) {
      throw new IllegalArgumentException("dim must be at least 1, got " + dim);
    }
    if (!Double.isFinite(modeA) || !Double.isFinite(modeB) || modeA == modeB) {
      throw new IllegalArgumentException("modeA and modeB must be finite and differ, got " + modeA + ", " + modeB);
    }
    if (!(weightB > 0 && weightB < 1)) {
      throw new IllegalArgumentException("weightB must be in (0, 1), got " + weightB);
    }
    if (dataSize < 2 || walkers < 1 || steps < 1 || logEvery < 1 || cdRestartEvery < 1) {
      throw new IllegalArgumentException("dataSize >= 2, walkers, steps, logEvery, cdRestartEvery >= 1 required, got "
          + dataSize + ", " + walkers + ", " + steps + ", " + logEvery + ", " + cdRestartEvery);
    }
    for (double v : new double[] {stepSize, lrMeans, lrLogWeights, cdLearningRateFactor}) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("stepSize, lrMeans, lrLogWeights and cdLearningRateFactor must be positive,"
            + " got " + v);
      }
    }
    if (!(initNoise >= 0) || !Double.isFinite(initOffset)) {
      throw new IllegalArgumentException("initNoise must be >= 0 and initOffset finite, got " + initNoise + ", "
          + initOffset);
    }
    if (weightVarianceThresholds == null || weightVarianceThresholds.isEmpty()) {
      throw new IllegalArgumentException("weightVarianceThresholds must not be empty");
    }
    for (double t : weightVarianceThresholds) {
      if (!(t > 0) || !Double.isFinite(t)) {
        throw new IllegalArgumentException("weightVarianceThresholds must be positive, got " + t);
      }
    }
    if (methods == null || methods.isEmpty() || seeds == null || seeds.isEmpty()) {
      throw new IllegalArgumentException("methods and seeds must not be empty");
    }
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("unknown method '" + m + "'; known: cd, jarzynski, pcd");
      }
    }
    weightVarianceThresholds = List.copyOf(weightVarianceThresholds);
    methods = List.copyOf(methods);
    seeds = List.copyOf(seeds);
  }

  /** The paper's settings with 2000 walkers and one seed. */
  public static Gmm50dConfig defaults() {
    return new Gmm50dConfig(50, -10, 6, 0.75, 10_000, 2000, 0.1, 8000, 0.0025, 0.0125, 0.1, 0.01, 4, 10,
        List.of(1.0), List.of("jarzynski", "pcd", "cd"), List.of(0), 50);
  }

  /** The same with another number of walkers. */
  public Gmm50dConfig withWalkers(int n) {
    return new Gmm50dConfig(dim, modeA, modeB, weightB, dataSize, n, stepSize, steps, lrMeans, lrLogWeights,
        initOffset, initNoise, cdRestartEvery, cdLearningRateFactor, weightVarianceThresholds, methods, seeds,
        logEvery);
  }

  /** The same with other seeds. */
  public Gmm50dConfig withSeeds(List<Integer> s) {
    return new Gmm50dConfig(dim, modeA, modeB, weightB, dataSize, walkers, stepSize, steps, lrMeans, lrLogWeights,
        initOffset, initNoise, cdRestartEvery, cdLearningRateFactor, weightVarianceThresholds, methods, s, logEvery);
  }

  /** The same with other thresholds and methods. */
  public Gmm50dConfig with(List<Double> thresholds, List<String> m) {
    return new Gmm50dConfig(dim, modeA, modeB, weightB, dataSize, walkers, stepSize, steps, lrMeans, lrLogWeights,
        initOffset, initNoise, cdRestartEvery, cdLearningRateFactor, thresholds, m, seeds, logEvery);
  }
}
