package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;

/**
 * Settings of the Ising denoising study: a clean binary image, each pixel flipped with probability
 * {@code flipProbability}, restored by minimising U(x | y) = -J sum x_i x_j - h sum x_i y_i three ways.
 *
 * @param image "shape" (a size x size synthetic scene) or "digits" (the ten 8x8 digits upscaled, size x 2.5 size)
 * @param size the image's height (a multiple of 16 for "digits")
 * @param flipProbability probability p in (0, 0.5) that the channel flips a pixel
 * @param coupling the prior's coupling J >= 0
 * @param field the data field h > 0; 0 (the default) means the exact posterior's h = (1/2) log((1 - p) / p)
 * @param sweeps checkerboard Gibbs sweeps of the annealing schedule
 * @param startTemperature first temperature of the geometric annealing schedule
 * @param endTemperature last temperature (near 0: the final sweeps are almost greedy)
 * @param chains annealing chains run side by side (the lowest final energy is kept)
 * @param methods among icm, annealed-gibbs, graph-cut
 */
public record IsingDenoiseConfig(String image, int size, double flipProbability, double coupling, double field,
    int sweeps, double startTemperature, double endTemperature, int chains, List<String> methods)
    implements Config<IsingDenoiseConfig> {

  /** Method names understood by the study. */
  public static final List<String> METHODS = List.of("icm", "annealed-gibbs", "graph-cut");

  public IsingDenoiseConfig {
    if (!IsingDenoiseImages.NAMES.contains(image)) {
      throw new IllegalArgumentException("image must be one of " + IsingDenoiseImages.NAMES + ", got '" + image + "'");
    }
    if (size < 16 || size > 1024 || "digits".equals(image) && size % 16 != 0) {
      throw new IllegalArgumentException("size must be in [16, 1024] (a multiple of 16 for digits), got " + size);
    }
    if (!(flipProbability > 0 && flipProbability < 0.5)) {
      throw new IllegalArgumentException("flipProbability must be in (0, 0.5), got " + flipProbability);
    }
    if (!(coupling >= 0) || !Double.isFinite(coupling)) {
      throw new IllegalArgumentException("coupling must be non-negative and finite, got " + coupling);
    }
    if (!(field >= 0) || !Double.isFinite(field)) {
      throw new IllegalArgumentException("field must be non-negative and finite (0: from flipProbability), got "
          + field);
    }
    if (sweeps < 1) {
      throw new IllegalArgumentException("sweeps must be at least 1, got " + sweeps);
    }
    if (!(endTemperature > 0) || !Double.isFinite(startTemperature) || !(startTemperature >= endTemperature)) {
      throw new IllegalArgumentException("startTemperature and endTemperature must satisfy start >= end > 0, got "
          + startTemperature + " and " + endTemperature);
    }
    if (chains < 1) {
      throw new IllegalArgumentException("chains must be at least 1, got " + chains);
    }
    if (methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("methods must not be empty, got " + methods);
    }
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("methods must be among " + METHODS + ", got '" + m + "'");
      }
    }
    methods = List.copyOf(methods);
  }

  /** The data field h used: the setting, or (1/2) log((1 - p) / p) when it is 0. */
  public double dataField() {
    return field > 0 ? field : 0.5 * Math.log((1 - flipProbability) / flipProbability);
  }

  /** The 64 x 64 scene, p = 0.1, J = 1, h from p, 1000 annealing sweeps from T = 4 to 0.05, 4 chains. */
  public static IsingDenoiseConfig defaults() {
    return new IsingDenoiseConfig("shape", 64, 0.1, 1.0, 0.0, 1000, 4.0, 0.05, 4, METHODS);
  }
}
