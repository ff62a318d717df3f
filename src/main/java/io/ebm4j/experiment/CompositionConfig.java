package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;

/**
 * Settings of the composition study: three 2-D concepts ("left" x < 0, "ring" |x| ~ ringRadius, "upper" y > 0), each
 * learned by an MLP energy plus a fixed confining Gaussian with PCD, and their combinations sampled by MALA.
 * Defaults: one seed; the multi-seed study is {@code --set seeds=0..4}.
 *
 * @param dataSize samples of each concept
 * @param spread standard deviation of the Gaussian the half-plane concepts are cut from
 * @param ringRadius radius of the ring concept
 * @param ringWidth radial standard deviation of the ring concept
 * @param band half-width of the ring band counted as "in the ring" (| |x| - ringRadius | < band)
 * @param models concept model families, one arm each: "parametric" (a softplus wall w . x + b or a radial well
 *     (|x| - r)^2 / 2 sigma^2, plus a trained Gaussian) and "mlp" (an MLP plus a fixed Gaussian)
 * @param hidden hidden widths of each concept's MLP (arm "mlp")
 * @param confine standard deviation of the Gaussian added to every concept energy (its start, for "parametric")
 * @param steps Adam steps per concept
 * @param batchSize data minibatch size
 * @param learningRate Adam learning rate of the parametric concepts
 * @param mlpLearningRate Adam learning rate of the MLP concepts
 * @param walkers PCD walkers per concept
 * @param pcdStepSize step size of the PCD walkers (ULA) during training
 * @param stepSize step size of the MALA chains that sample the concepts and their combinations
 * @param alpha weight of the negated energy in AND NOT (0 < alpha < 1)
 * @param temperature temperature T of every combination (its energy divided by T)
 * @param chains MALA chains per combination
 * @param samplingSteps MALA steps per combination
 * @param gridPoints grid points per axis of the density panels and grid masses
 * @param logEvery history row every this many steps
 */
public record CompositionConfig(int dataSize, double spread, double ringRadius, double ringWidth, double band,
    List<String> models, List<Integer> hidden, double confine, int steps, int batchSize, double learningRate,
    double mlpLearningRate, int walkers, double pcdStepSize, double stepSize,
    double alpha, double temperature, int chains, int samplingSteps, int gridPoints, int logEvery)
    implements Config<CompositionConfig> {

  /** The concept model families. */
  static final List<String> MODELS = List.of("parametric", "mlp");

  public CompositionConfig {
    if (hidden == null || hidden.isEmpty() || hidden.stream().anyMatch(w -> w == null || w < 1)) {
      throw new IllegalArgumentException("hidden must list positive widths, got " + hidden);
    }
    hidden = List.copyOf(hidden);
    if (models == null || models.isEmpty() || models.stream().anyMatch(m -> !MODELS.contains(m))
        || models.stream().distinct().count() != models.size()) {
      throw new IllegalArgumentException("models must list distinct values of " + MODELS + ", got " + models);
    }
    models = List.copyOf(models);
    for (int i = 0; i < 7; i++) {
      int v = new int[] {dataSize, steps, batchSize, walkers, chains, samplingSteps, logEvery}[i];
      if (v < 1) {
        throw new IllegalArgumentException(new String[] {"dataSize", "steps", "batchSize", "walkers", "chains",
            "samplingSteps", "logEvery"}[i] + " must be at least 1, got " + v);
      }
    }
    double[] pos = {spread, ringRadius, ringWidth, band, confine, learningRate, mlpLearningRate, pcdStepSize,
        stepSize, temperature};
    String[] names = {"spread", "ringRadius", "ringWidth", "band", "confine", "learningRate", "mlpLearningRate",
        "pcdStepSize", "stepSize", "temperature"};
    for (int i = 0; i < pos.length; i++) {
      if (!(pos[i] > 0) || !Double.isFinite(pos[i])) {
        throw new IllegalArgumentException(names[i] + " must be positive and finite, got " + pos[i]);
      }
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    if (gridPoints < 3) {
      throw new IllegalArgumentException("gridPoints must be at least 3, got " + gridPoints);
    }
  }

  /** The parametric concepts only (the MLP arm is {@code --set models=parametric,mlp}). */
  public static CompositionConfig defaults() {
    return new CompositionConfig(2000, 1.5, 2.0, 0.15, 0.5, List.of("parametric"), List.of(32, 32), 3.0, 800, 200,
        0.03, 2e-3, 1000, 0.01, 0.01, 0.5, 1.0, 2000, 3000, 121, 50);
  }

  int[] hiddenArray() {
    return hidden.stream().mapToInt(Integer::intValue).toArray();
  }
}
