package io.ebm4j.jem;

import java.util.List;

/**
 * Settings of {@link JemTraining}: the network, the optimiser, and the generative term's sampler (SGLD with a replay
 * buffer, as in Grathwohl et al., ICLR 2020, https://arxiv.org/abs/1912.03263). Features are expected in
 * [low, high] (the box the buffer is initialised and re-initialised in uniformly; -1..1 by default).
 *
 * <pre>{@code
 * JemConfig c = JemConfig.defaults().withSteps(3000);
 * JemConfig plain = c.withGenerativeWeight(0);       // the same network trained by cross-entropy only
 * }</pre>
 *
 * @param hidden hidden widths of the classifier network
 * @param steps Adam steps
 * @param batchSize labelled points (and buffer samples) per step
 * @param learningRate Adam's learning rate
 * @param generativeWeight weight of the generative term log p(x) (0: a plain classifier, no sampling)
 * @param sgldSteps SGLD steps per training step on the buffer samples
 * @param stepSize SGLD step: x <- x - stepSize grad_x E(x) + noise N(0, I)
 * @param noise SGLD noise standard deviation
 * @param bufferSize replay buffer size
 * @param reinitProbability probability that a buffer sample restarts from uniform noise
 * @param energyPenalty weight of the penalty E(x_data)^2 + E(x_sample)^2 (Du and Mordatch 2019; 0 in the paper)
 * @param dataNoise standard deviation of Gaussian noise added to the data in the generative term
 * @param low lower end of the feature box
 * @param high upper end of the feature box
 * @param logEvery one history row every this many steps
 * @param seed seed of the initialisation, the minibatches and the sampler
 */
public record JemConfig(List<Integer> hidden, int steps, int batchSize, double learningRate, double generativeWeight,
    int sgldSteps, double stepSize, double noise, int bufferSize, double reinitProbability, double energyPenalty,
    double dataNoise, double low, double high, int logEvery, long seed) {

  public JemConfig {
    if (hidden == null || hidden.stream().anyMatch(w -> w == null || w < 1)) {
      throw new IllegalArgumentException("hidden must list positive widths, got " + hidden);
    }
    hidden = List.copyOf(hidden);
    requireAtLeast("steps", steps, 1);
    requireAtLeast("batchSize", batchSize, 1);
    requireAtLeast("sgldSteps", sgldSteps, 1);
    requireAtLeast("bufferSize", bufferSize, 1);
    requireAtLeast("logEvery", logEvery, 1);
    requirePositive("learningRate", learningRate);
    requirePositive("stepSize", stepSize);
    requireNonNegative("generativeWeight", generativeWeight);
    requireNonNegative("noise", noise);
    requireNonNegative("energyPenalty", energyPenalty);
    requireNonNegative("dataNoise", dataNoise);
    if (!(reinitProbability >= 0 && reinitProbability <= 1)) {
      throw new IllegalArgumentException("reinitProbability must be in [0, 1], got " + reinitProbability);
    }
    if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
      throw new IllegalArgumentException("low and high must be finite with low < high, got " + low + " and " + high);
    }
  }

  /**
   * One hidden layer of 128, 3000 Adam steps (lr 1e-3) of batch 64, generative weight 1, 20 SGLD steps of size 1 with
   * noise 0.01 from a buffer of 2000 re-initialised with probability 0.05 (the paper's sampler), energy penalty 0.01,
   * data noise 0.03, features in [-1, 1].
   */
  public static JemConfig defaults() {
    return new JemConfig(List.of(128), 3000, 64, 1e-3, 1.0, 20, 1.0, 0.01, 2000, 0.05, 0.01, 0.03, -1, 1, 50, 1);
  }

  public JemConfig withHidden(List<Integer> h) {
    return new JemConfig(h, steps, batchSize, learningRate, generativeWeight, sgldSteps, stepSize, noise, bufferSize,
        reinitProbability, energyPenalty, dataNoise, low, high, logEvery, seed);
  }

  public JemConfig withSteps(int s) {
    return new JemConfig(hidden, s, batchSize, learningRate, generativeWeight, sgldSteps, stepSize, noise, bufferSize,
        reinitProbability, energyPenalty, dataNoise, low, high, logEvery, seed);
  }

  public JemConfig withGenerativeWeight(double w) {
    return new JemConfig(hidden, steps, batchSize, learningRate, w, sgldSteps, stepSize, noise, bufferSize,
        reinitProbability, energyPenalty, dataNoise, low, high, logEvery, seed);
  }

  public JemConfig withSampler(int sgldSteps, double stepSize, double noise) {
    return new JemConfig(hidden, steps, batchSize, learningRate, generativeWeight, sgldSteps, stepSize, noise,
        bufferSize, reinitProbability, energyPenalty, dataNoise, low, high, logEvery, seed);
  }

  public JemConfig withSeed(long s) {
    return new JemConfig(hidden, steps, batchSize, learningRate, generativeWeight, sgldSteps, stepSize, noise,
        bufferSize, reinitProbability, energyPenalty, dataNoise, low, high, logEvery, s);
  }

  int[] hiddenArray() {
    return hidden.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void requireAtLeast(String name, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + v);
    }
  }

  private static void requirePositive(String name, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
    }
  }

  private static void requireNonNegative(String name, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be non-negative and finite, got " + v);
    }
  }
}
