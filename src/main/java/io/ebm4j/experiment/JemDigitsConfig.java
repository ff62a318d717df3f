package io.ebm4j.experiment;

import io.ebm4j.jem.JemConfig;
import io.ebm4j.study.Config;
import java.util.List;

/**
 * Settings of the JEM study on the 8x8 digits (pixels mapped to [-1, 1]). Defaults: one seed, 3000 Adam steps per
 * arm; the multi-seed study is {@code --set seeds=0..4}.
 *
 * @param trainSize digits used for training (the rest of the 1797 are the test set)
 * @param hidden hidden widths of the classifier network
 * @param steps Adam steps
 * @param batchSize minibatch size (and SGLD samples per step)
 * @param learningRate Adam learning rate
 * @param generativeWeight weight of log p(x) in the JEM arm
 * @param sgldSteps SGLD steps per training step
 * @param stepSize SGLD step size
 * @param noise SGLD noise standard deviation
 * @param bufferSize replay buffer size
 * @param reinitProbability probability of restarting a buffer sample from uniform noise
 * @param energyPenalty weight of the squared-energy penalty
 * @param dataNoise Gaussian noise added to the data in the generative term
 * @param sampleSteps SGLD steps from uniform noise for the class-conditional samples
 * @param bins bins of the expected calibration error
 * @param oodSize uniform-noise images in the out-of-distribution test
 * @param logEvery history row every this many steps
 */
public record JemDigitsConfig(int trainSize, List<Integer> hidden, int steps, int batchSize, double learningRate,
    double generativeWeight, int sgldSteps, double stepSize, double noise, int bufferSize, double reinitProbability,
    double energyPenalty, double dataNoise, int sampleSteps, int bins, int oodSize, int logEvery)
    implements Config<JemDigitsConfig> {

  public JemDigitsConfig {
    if (trainSize < 100 || trainSize > 1697) {
      throw new IllegalArgumentException("trainSize must be in 100..1697 (at least 100 digits for testing), got "
          + trainSize);
    }
    if (!(generativeWeight > 0) || !Double.isFinite(generativeWeight)) {
      throw new IllegalArgumentException("generativeWeight must be positive and finite (the JEM arm), got "
          + generativeWeight);
    }
    if (sampleSteps < 0) {
      throw new IllegalArgumentException("sampleSteps must be at least 0, got " + sampleSteps);
    }
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, got " + bins);
    }
    if (oodSize < 2) {
      throw new IllegalArgumentException("oodSize must be at least 2, got " + oodSize);
    }
    hidden = hidden == null ? null : List.copyOf(hidden);
    jem(hidden, steps, batchSize, learningRate, generativeWeight, sgldSteps, stepSize, noise, bufferSize,
        reinitProbability, energyPenalty, dataNoise, logEvery, 0);
  }

  public static JemDigitsConfig defaults() {
    JemConfig j = JemConfig.defaults();
    return new JemDigitsConfig(1300, j.hidden(), j.steps(), j.batchSize(), j.learningRate(), j.generativeWeight(),
        j.sgldSteps(), j.stepSize(), j.noise(), j.bufferSize(), j.reinitProbability(), j.energyPenalty(),
        j.dataNoise(), 200, 15, 500, 50);
  }

  /** The training settings of the JEM arm (the classifier arm is the same with generativeWeight 0). */
  JemConfig jem(long seed) {
    return jem(hidden, steps, batchSize, learningRate, generativeWeight, sgldSteps, stepSize, noise, bufferSize,
        reinitProbability, energyPenalty, dataNoise, logEvery, seed);
  }

  private static JemConfig jem(List<Integer> hidden, int steps, int batchSize, double learningRate,
      double generativeWeight, int sgldSteps, double stepSize, double noise, int bufferSize, double reinitProbability,
      double energyPenalty, double dataNoise, int logEvery, long seed) {
    return new JemConfig(hidden, steps, batchSize, learningRate, generativeWeight, sgldSteps, stepSize, noise,
        bufferSize, reinitProbability, energyPenalty, dataNoise, -1, 1, logEvery, seed);
  }
}
