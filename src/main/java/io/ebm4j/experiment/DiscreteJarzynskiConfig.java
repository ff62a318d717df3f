package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;
import java.util.Set;

/**
 * Settings of the fully discrete Jarzynski study: points of [0, 1]^2 with 16 Gray-coded bits per coordinate, a target
 * of two well-separated bumps with weights 0.2 and 0.8, and a model of two bumps with trainable log-weights and means.
 *
 * @param bits bits per coordinate (|X| = 2^{2 bits})
 * @param modeStd width sigma of the target's and the model's bumps
 * @param smallWeight the target's weight of the bump at (0.25, 0.3); the bump at (0.7, 0.7) has the rest
 * @param initialShift the model's means start at the target's plus this in both coordinates (weights start equal)
 * @param dataSize number of data points
 * @param walkers number of walkers
 * @param sweeps Metropolis bit-flip sweeps (2 bits proposals each) per parameter update
 * @param steps parameter updates
 * @param learningRate SGD learning rate of the log-weights; the means use learningRate * modeStd^2 (their gradient
 *     scales as 1 / modeStd^2)
 * @param resampleBelowEss Jarzynski resampling threshold on ESS/N
 * @param methods among pcd, jarzynski
 * @param logEvery history row every this many updates
 * @param gridPoints points per axis of the grid of cell centres on which weights and log Z are measured
 */
public record DiscreteJarzynskiConfig(int bits, double modeStd, double smallWeight, double initialShift, int dataSize,
    int walkers, int sweeps, int steps, double learningRate, double resampleBelowEss, List<String> methods,
    int logEvery, int gridPoints) implements Config<DiscreteJarzynskiConfig> {

  /** Method names understood by the study. */
  public static final Set<String> METHODS = Set.of("pcd", "jarzynski");

  public DiscreteJarzynskiConfig {
    if (bits < 2 || bits > 20) {
      throw new IllegalArgumentException("bits must be in [2, 20], got " + bits);
    }
    if (!(modeStd > 0) || modeStd > 0.2) {
      throw new IllegalArgumentException("modeStd must be in (0, 0.2], got " + modeStd);
    }
    if (!(smallWeight > 0 && smallWeight < 1)) {
      throw new IllegalArgumentException("smallWeight must be in (0, 1), got " + smallWeight);
    }
    if (!(Math.abs(initialShift) <= 0.1)) {
      throw new IllegalArgumentException("initialShift must be in [-0.1, 0.1], got " + initialShift);
    }
    if (dataSize < 1) {
      throw new IllegalArgumentException("dataSize must be at least 1, got " + dataSize);
    }
    if (walkers < 1) {
      throw new IllegalArgumentException("walkers must be at least 1, got " + walkers);
    }
    if (sweeps < 1) {
      throw new IllegalArgumentException("sweeps must be at least 1, got " + sweeps);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
    }
    if (!(resampleBelowEss > 0 && resampleBelowEss <= 1)) {
      throw new IllegalArgumentException("resampleBelowEss must be in (0, 1], got " + resampleBelowEss);
    }
    if (methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("methods must not be empty, got " + methods);
    }
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("methods must be among pcd, jarzynski, got '" + m + "'");
      }
    }
    if (logEvery < 1) {
      throw new IllegalArgumentException("logEvery must be at least 1, got " + logEvery);
    }
    if (gridPoints < 3) {
      throw new IllegalArgumentException("gridPoints must be at least 3, got " + gridPoints);
    }
    methods = List.copyOf(methods);
  }

  /** 16 bits per coordinate, bumps of width 0.04, 10^4 data, 1000 walkers, 1000 updates at learning rate 0.05. */
  public static DiscreteJarzynskiConfig defaults() {
    return new DiscreteJarzynskiConfig(16, 0.04, 0.2, 0.05, 10_000, 1000, 1, 1000, 0.05, 0.5,
        List.of("pcd", "jarzynski"), 20, 400);
  }
}
