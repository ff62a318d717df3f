package io.ebm4j.experiment;

import io.ebm4j.study.Config;

/**
 * Settings of the latent sampler comparison: a GEBM whose latent tilt is a four-mode mixture, sampled by ULA, MALA and
 * HMC at an equal budget of gradient evaluations.
 *
 * @param modeDistance the energy's mixture means sit at (+-m, +-m); the latent tilt's modes at (+-m/2, +-m/2)
 * @param temperature temperature T of the latent energy
 * @param chains chains per sampler
 * @param gradientEvaluations gradient evaluations per chain (ULA, MALA: one per step; HMC: leapfrogSteps per step)
 * @param ulaStepSize ULA step size
 * @param malaStepSize MALA step size
 * @param hmcStepSize HMC leapfrog step size
 * @param leapfrogSteps HMC leapfrog steps per iteration
 */
public record GebmSamplersConfig(double modeDistance, double temperature, int chains, int gradientEvaluations,
    double ulaStepSize, double malaStepSize, double hmcStepSize, int leapfrogSteps)
    implements Config<GebmSamplersConfig> {

  public GebmSamplersConfig {
    for (double v : new double[] {modeDistance, temperature, ulaStepSize, malaStepSize, hmcStepSize}) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("modeDistance, temperature and step sizes must be positive and finite,"
            + " got " + v);
      }
    }
    if (chains < 2 || leapfrogSteps < 1 || gradientEvaluations < 4 * leapfrogSteps) {
      throw new IllegalArgumentException("chains >= 2, leapfrogSteps >= 1 and gradientEvaluations >= 4"
          + " leapfrogSteps required, got chains " + chains + ", leapfrogSteps " + leapfrogSteps
          + ", gradientEvaluations " + gradientEvaluations);
    }
  }

  public static GebmSamplersConfig defaults() {
    return new GebmSamplersConfig(5.0, 1.0, 200, 16_000, 0.1, 0.4, 0.25, 16);
  }
}
