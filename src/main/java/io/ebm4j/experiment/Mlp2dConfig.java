package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;
import java.util.Set;

/**
 * Settings of the 2-D neural-energy study: a mixture of well-separated unit Gaussians with unequal weights, learned
 * by an MLP energy confined by a wide fixed Gaussian, with PCD and with Jarzynski-weighted PCD.
 *
 * @param target "two" (modes at -+ separation/2 e1, weights 0.2 / 0.8) or "four" (modes at the corners of a square
 *     of side separation, weights 0.1 / 0.2 / 0.3 / 0.4)
 * @param separation distance between neighbouring modes
 * @param dataSize number of data points
 * @param walkers number of walkers
 * @param hidden widths of the MLP's hidden layers
 * @param confine standard deviation of the fixed Gaussian added to the MLP (the initial model, since the MLP's output
 *     layer starts at zero)
 * @param stepSize ULA step h
 * @param steps training steps
 * @param learningRate Adam learning rate at the start
 * @param finalLearningRate Adam learning rate at the last step (exponential decay in between)
 * @param batchSize data minibatch (0 = full batch)
 * @param resampleBelowEss Jarzynski resampling threshold on ESS/N
 * @param stepsPerUpdate ULA steps per parameter update
 * @param methods among pcd, jarzynski
 * @param logEvery history row every this many steps (mode weights are measured on the grid then)
 * @param gridPoints points per axis of the grid on which weights and KL are measured
 */
public record Mlp2dConfig(String target, double separation, int dataSize, int walkers, List<Integer> hidden,
    double confine, double stepSize, int steps, double learningRate, double finalLearningRate, int batchSize, double resampleBelowEss,
    int stepsPerUpdate, List<String> methods, int logEvery, int gridPoints) implements Config<Mlp2dConfig> {

  /** Method names understood by the study. */
  public static final Set<String> METHODS = Set.of("pcd", "jarzynski");

  public Mlp2dConfig {
    if (!target.equals("two") && !target.equals("four")) {
      throw new IllegalArgumentException("target must be two or four, got '" + target + "'");
    }
    if (!(separation > 0) || !(confine > 0) || !(stepSize > 0) || !(learningRate > 0) || !(finalLearningRate > 0)) {
      throw new IllegalArgumentException("separation, confine, stepSize and learningRate must be positive, got "
          + separation + ", " + confine + ", " + stepSize + ", " + learningRate);
    }
    if (dataSize < 1 || walkers < 1 || steps < 1 || batchSize < 0 || logEvery < 1 || gridPoints < 3
        || stepsPerUpdate < 1) {
      throw new IllegalArgumentException("dataSize, walkers, steps, logEvery, stepsPerUpdate >= 1, batchSize >= 0"
          + " and gridPoints >= 3 required");
    }
    if (!(resampleBelowEss > 0 && resampleBelowEss <= 1)) {
      throw new IllegalArgumentException("resampleBelowEss must be in (0, 1], got " + resampleBelowEss);
    }
    if (hidden == null || hidden.isEmpty() || methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("hidden and methods must not be empty");
    }
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("unknown method '" + m + "'; known: jarzynski, pcd");
      }
    }
    hidden = List.copyOf(hidden);
    methods = List.copyOf(methods);
  }

  /**
   * Two modes 0.2 / 0.8 at distance 8, MLP 64-64, 4000 walkers, 1500 Adam steps decaying from 2e-3 to 1e-4,
   * resampling below ESS/N = 0.8.
   */
  public static Mlp2dConfig defaults() {
    return new Mlp2dConfig("two", 8, 10_000, 4000, List.of(64, 64), 6, 0.05, 1500, 2e-3, 1e-4, 1000, 0.8, 1,
        List.of("pcd", "jarzynski"), 50, 161);
  }
}
