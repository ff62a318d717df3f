package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;

/**
 * Settings of the exponential-family study: a fully visible Boltzmann machine on {@code sites} binary units, data
 * drawn exactly from a random ground-truth machine, fitted by moment matching with exact or Gibbs model moments, and
 * by Newton's method (the maximum-likelihood reference).
 *
 * @param sites number of units n (at most 16: every quantity is checked by enumerating 2^n states)
 * @param truthScale the ground truth's biases and couplings are drawn N(0, truthScale^2)
 * @param dataSize number of exact draws from the ground truth
 * @param learningRate step size of gradient ascent with exact moments
 * @param steps maximum number of exact-moment steps
 * @param tolerance exact moment matching and Newton stop once max_k |data moment - model moment| is at most this
 * @param gibbsLearningRate step size of gradient ascent with Gibbs moments
 * @param gibbsSteps number of Gibbs-moment steps
 * @param walkers persistent heat-bath chains of the Gibbs arm
 * @param sweeps heat-bath sweeps per Gibbs-moment step
 * @param logEvery a history row every this many steps
 * @param methods among exact-moments, gibbs-moments, newton
 */
public record BoltzmannMomentsConfig(int sites, double truthScale, int dataSize, double learningRate, int steps,
    double tolerance, double gibbsLearningRate, int gibbsSteps, int walkers, int sweeps, int logEvery,
    List<String> methods) implements Config<BoltzmannMomentsConfig> {

  /** Method names understood by the study. */
  public static final List<String> METHODS = List.of("exact-moments", "gibbs-moments", "newton");

  public BoltzmannMomentsConfig {
    if (sites < 2 || sites > 16) {
      throw new IllegalArgumentException("sites must be in [2, 16], got " + sites);
    }
    if (!(truthScale >= 0) || truthScale > 3) {
      throw new IllegalArgumentException("truthScale must be in [0, 3], got " + truthScale);
    }
    if (dataSize < 1) {
      throw new IllegalArgumentException("dataSize must be at least 1, got " + dataSize);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }
    if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be non-negative and finite, got " + tolerance);
    }
    if (!(gibbsLearningRate > 0) || !Double.isFinite(gibbsLearningRate)) {
      throw new IllegalArgumentException("gibbsLearningRate must be positive and finite, got " + gibbsLearningRate);
    }
    if (gibbsSteps < 1) {
      throw new IllegalArgumentException("gibbsSteps must be at least 1, got " + gibbsSteps);
    }
    if (walkers < 1) {
      throw new IllegalArgumentException("walkers must be at least 1, got " + walkers);
    }
    if (sweeps < 1) {
      throw new IllegalArgumentException("sweeps must be at least 1, got " + sweeps);
    }
    if (logEvery < 1) {
      throw new IllegalArgumentException("logEvery must be at least 1, got " + logEvery);
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

  /** n = 10, truth N(0, 0.5^2), 5000 draws; exact ascent at rate 1 to a gap of 1e-8; Gibbs: 1000 chains, rate 0.1. */
  public static BoltzmannMomentsConfig defaults() {
    return new BoltzmannMomentsConfig(10, 0.5, 5000, 1.0, 20_000, 1e-8, 0.1, 2000, 1000, 1, 10, METHODS);
  }
}
