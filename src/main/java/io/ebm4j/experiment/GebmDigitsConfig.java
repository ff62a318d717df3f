package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;

/**
 * Settings of the 8x8 digits study of generalized energy-based models. Defaults: one seed of 2000 alternating steps;
 * the full study is {@code --set seeds=0..2}.
 *
 * @param trainSize digits used for training (the rest of the 1797 are held out)
 * @param latentDim latent dimension of the generator
 * @param hidden hidden widths of both the energy and the generator
 * @param steps alternating KALE steps
 * @param refineSteps further steps with the base frozen (energy steps only) at the end
 * @param batchSize minibatch size
 * @param learningRate Adam learning rate of the energy and c
 * @param baseLearningRate Adam learning rate of the generator
 * @param beta1 Adam's beta1
 * @param beta2 Adam's beta2
 * @param energySteps energy steps per base step
 * @param gradientPenalty weight of the gradient penalty on E
 * @param sampler latent kernel for GEBM samples: ula, mala or hmc
 * @param stepSize the latent kernel's step size
 * @param samplerSteps steps of the latent chains
 * @param temperature temperature T of the latent energy
 * @param samples samples drawn from each model for the distances
 * @param pool base draws behind the exact (importance-resampled) GEBM samples
 * @param featureWidth width of the classifier's hidden layer (the feature space)
 * @param classifierSteps full-batch Adam steps of the classifier
 * @param logEvery history row every this many steps
 */
public record GebmDigitsConfig(int trainSize, int latentDim, List<Integer> hidden, int steps, int refineSteps,
    int batchSize, double learningRate, double baseLearningRate, double beta1, double beta2, int energySteps, double gradientPenalty,
    String sampler, double stepSize, int samplerSteps, double temperature, int samples, int pool, int featureWidth,
    int classifierSteps, int logEvery) implements Config<GebmDigitsConfig> {

  public GebmDigitsConfig {
    if (trainSize < 100 || trainSize > 1697) {
      throw new IllegalArgumentException("trainSize must be in 100..1697 (at least 100 digits held out), got "
          + trainSize);
    }
    if (latentDim < 1 || latentDim > 64) {
      throw new IllegalArgumentException("latentDim must be in 1..64, got " + latentDim);
    }
    if (hidden == null || hidden.isEmpty() || hidden.stream().anyMatch(w -> w == null || w < 1)) {
      throw new IllegalArgumentException("hidden must list positive widths, got " + hidden);
    }
    if (refineSteps < 0) {
      throw new IllegalArgumentException("refineSteps must be at least 0, got " + refineSteps);
    }
    if (steps < 1 || batchSize < 2 || energySteps < 1 || samplerSteps < 0 || samples < 10 || pool < 1
        || featureWidth < 2 || classifierSteps < 1 || logEvery < 1) {
      throw new IllegalArgumentException("steps, energySteps, pool, classifierSteps, logEvery >= 1, batchSize,"
          + " featureWidth >= 2, samples >= 10, samplerSteps >= 0 required, got steps " + steps + ", batchSize "
          + batchSize + ", energySteps " + energySteps + ", samplerSteps " + samplerSteps + ", samples " + samples
          + ", pool " + pool + ", featureWidth " + featureWidth + ", classifierSteps " + classifierSteps
          + ", logEvery " + logEvery);
    }
    for (double v : new double[] {learningRate, baseLearningRate, stepSize, temperature}) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("learningRate, baseLearningRate, stepSize and temperature must be positive"
            + " and finite, got " + v);
      }
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
    }
    if (!(gradientPenalty >= 0) || !Double.isFinite(gradientPenalty)) {
      throw new IllegalArgumentException("gradientPenalty must be non-negative and finite, got " + gradientPenalty);
    }
    if (sampler == null || !GebmToyConfig.SAMPLERS.contains(sampler)) {
      throw new IllegalArgumentException("sampler must be ula, mala or hmc, got '" + sampler + "'");
    }
    hidden = List.copyOf(hidden);
  }

  public static GebmDigitsConfig defaults() {
    return new GebmDigitsConfig(1500, 10, List.of(128, 128), 2000, 0, 128, 1e-3, 1e-3, 0.5, 0.999, 5, 1.0, "mala",
        0.02, 300, 1.0, 2000, 50_000, 32, 400, 100);
  }

  int[] hiddenArray() {
    return hidden.stream().mapToInt(Integer::intValue).toArray();
  }
}
