package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;
import java.util.Set;

/**
 * Settings of the d=50 Gaussian-mixture study of Carbone et al. (the paper's public code). Defaults use 2000 walkers
 * so that {@code reproduce gmm-50d} takes about a minute; the paper's settings are {@code --set walkers=10000} (what
 * the tests check).
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
 * @param resampleBelowEss Jarzynski resamples when ESS/N falls below this (the paper's code resamples when the squared
 *     coefficient of variation of the weights, N/ESS - 1, exceeds 1: ESS/N below 0.5); one Jarzynski arm per value
 * @param methods among jarzynski, pcd, cd
 * @param logEvery history row every this many steps
 */
public record Gmm50dConfig(int dim, double modeA, double modeB, double weightB, int dataSize, int walkers,
    double stepSize, int steps, double lrMeans, double lrLogWeights, double initOffset, double initNoise,
    int cdRestartEvery, double cdLearningRateFactor, List<Double> resampleBelowEss, List<String> methods,
    int logEvery) implements Config<Gmm50dConfig> {

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
    if (resampleBelowEss == null || resampleBelowEss.isEmpty()) {
      throw new IllegalArgumentException("resampleBelowEss must not be empty");
    }
    for (double t : resampleBelowEss) {
      if (!(t > 0 && t <= 1)) {
        throw new IllegalArgumentException("resampleBelowEss must be in (0, 1], got " + t);
      }
    }
    if (methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("methods must not be empty");
    }
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("unknown method '" + m + "'; known: cd, jarzynski, pcd");
      }
    }
    resampleBelowEss = List.copyOf(resampleBelowEss);
    methods = List.copyOf(methods);
  }

  /** The paper's settings with 2000 walkers. */
  public static Gmm50dConfig defaults() {
    return new Gmm50dConfig(50, -10, 6, 0.75, 10_000, 2000, 0.1, 8000, 0.0025, 0.0125, 0.1, 0.01, 4, 10,
        List.of(0.5), List.of("jarzynski", "pcd", "cd"), 50);
  }
}
