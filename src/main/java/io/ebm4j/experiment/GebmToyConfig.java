package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;
import java.util.Set;

/**
 * Settings of the low-intrinsic-dimension toy study of generalized energy-based models. The defaults run one seed
 * quickly; the full study is {@code --set seeds=0..2}.
 *
 * @param datasets among curve (a 1-D curve in 2-D with a non-uniform density along it) and sphere (a deformed sphere
 *     surface in 3-D with a non-uniform density on it)
 * @param curveLatentDims latent dimensions of the curve's arms (1 is right, 3 too large)
 * @param sphereLatentDims latent dimensions of the sphere's arms (2 is right, 1 too small, 4 too large)
 * @param dataSize training points (synthetic, so plentiful: 20 000 keep the energy from fitting the sample's noise)
 * @param testSize held-out points, and samples drawn from each model for the distances (5000: at 2000 the unbiased
 *     MMD^2 of a good base is within a few noise levels of 0 and its ratios are noise)
 * @param hidden hidden widths of both the energy and the generator
 * @param steps alternating KALE steps
 * @param refineSteps further steps with the base frozen (energy steps only) at the end
 * @param batchSize minibatch size of data and base draws
 * @param learningRate Adam learning rate of the energy and c (a quarter of the base's: with a too-small latent
 *     dimension the energy runs away on the data, which lie off the base's support, and a slower energy delays it)
 * @param baseLearningRate Adam learning rate of the generator
 * @param beta1 Adam's beta1 (both steps)
 * @param beta2 Adam's beta2 (both steps)
 * @param energySteps energy steps per base step
 * @param gradientPenalty weight of the gradient penalty on E
 * @param decay learning rates are multiplied by this every decayEvery steps (0.5 every 200: the energy ends the
 *     refine phase at 1/16 of its rate, so its final iterate is not a noisy one)
 * @param decayEvery see decay
 * @param sampler latent kernel for GEBM samples: ula, mala or hmc
 * @param stepSize the latent kernel's step size (MALA accepts about 90% at 0.15)
 * @param samplerSteps steps of the latent chains (started from the prior; 1000 so that they mix between the
 *     density's modes along the curve)
 * @param temperature temperature T of the latent energy |u|^2/2 + E(G(u))/T
 * @param pool base draws behind the exact (importance-resampled) GEBM samples
 * @param projections random directions of the sliced Wasserstein distance
 * @param bandwidthFraction the MMD's Gaussian bandwidth as a fraction of the held-out points' median distance (0.25:
 *     at the median itself, wider than the data, the kernel sees little beyond the first two moments, the MMD^2 of a
 *     good model is of the order of its own sampling noise at 5000 samples, and its ratios scatter by 0.2 or more)
 * @param logEvery history row every this many steps
 */
public record GebmToyConfig(List<String> datasets, List<Integer> curveLatentDims, List<Integer> sphereLatentDims,
    int dataSize, int testSize, List<Integer> hidden, int steps, int refineSteps, int batchSize, double learningRate,
    double baseLearningRate, double beta1, double beta2, int energySteps, double gradientPenalty, double decay,
    int decayEvery, String sampler, double stepSize, int samplerSteps, double temperature, int pool,
    int projections, double bandwidthFraction, int logEvery) implements Config<GebmToyConfig> {

  /** Known dataset names. */
  public static final Set<String> DATASETS = Set.of("curve", "sphere");
  /** Known latent samplers. */
  public static final Set<String> SAMPLERS = Set.of("ula", "mala", "hmc");

  public GebmToyConfig {
    if (datasets == null || datasets.isEmpty() || !DATASETS.containsAll(datasets)) {
      throw new IllegalArgumentException("datasets must be a non-empty list among curve, sphere, got " + datasets);
    }
    for (List<Integer> dims : List.of(curveLatentDims, sphereLatentDims)) {
      if (dims == null || dims.isEmpty() || dims.stream().anyMatch(k -> k == null || k < 1 || k > 16)) {
        throw new IllegalArgumentException("latent dims must be non-empty lists of values in 1..16, got " + dims);
      }
    }
    if (hidden == null || hidden.isEmpty() || hidden.stream().anyMatch(w -> w == null || w < 1)) {
      throw new IllegalArgumentException("hidden must list positive widths, got " + hidden);
    }
    if (dataSize < 10 || testSize < 10) {
      throw new IllegalArgumentException("dataSize and testSize must be at least 10, got " + dataSize + ", "
          + testSize);
    }
    if (refineSteps < 0) {
      throw new IllegalArgumentException("refineSteps must be at least 0, got " + refineSteps);
    }
    if (steps < 1 || batchSize < 2 || energySteps < 1 || decayEvery < 1 || samplerSteps < 0 || pool < 1
        || projections < 1 || logEvery < 1) {
      throw new IllegalArgumentException("steps, energySteps, decayEvery, pool, projections, logEvery >= 1,"
          + " batchSize >= 2, samplerSteps >= 0 required, got steps " + steps + ", batchSize " + batchSize
          + ", energySteps " + energySteps + ", decayEvery " + decayEvery + ", samplerSteps " + samplerSteps
          + ", pool " + pool + ", projections " + projections + ", logEvery " + logEvery);
    }
    for (double v : new double[] {learningRate, baseLearningRate, stepSize, temperature}) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("learningRate, baseLearningRate, stepSize and temperature must be positive"
            + " and finite, got " + v);
      }
    }
    if (!(bandwidthFraction > 0) || !Double.isFinite(bandwidthFraction)) {
      throw new IllegalArgumentException("bandwidthFraction must be positive and finite, got " + bandwidthFraction);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
    }
    if (!(gradientPenalty >= 0) || !Double.isFinite(gradientPenalty)) {
      throw new IllegalArgumentException("gradientPenalty must be non-negative and finite, got " + gradientPenalty);
    }
    if (!(decay > 0 && decay <= 1)) {
      throw new IllegalArgumentException("decay must be in (0, 1], got " + decay);
    }
    if (sampler == null || !SAMPLERS.contains(sampler)) {
      throw new IllegalArgumentException("sampler must be ula, mala or hmc, got '" + sampler + "'");
    }
    datasets = List.copyOf(datasets);
    curveLatentDims = List.copyOf(curveLatentDims);
    sphereLatentDims = List.copyOf(sphereLatentDims);
    hidden = List.copyOf(hidden);
  }

  /** One seed of both datasets at the right and a mis-specified latent dimension. */
  public static GebmToyConfig defaults() {
    return new GebmToyConfig(List.of("curve", "sphere"), List.of(1, 3), List.of(2, 1, 4), 20_000, 5000,
        List.of(32, 32), 500, 300, 128, 5e-4, 2e-3, 0.5, 0.999, 5, 0.1, 0.5, 200, "mala", 0.15, 1000, 1.0, 50_000, 200,
        0.25, 100);
  }

  int[] hiddenArray() {
    return hidden.stream().mapToInt(Integer::intValue).toArray();
  }
}
