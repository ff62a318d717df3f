package io.ebm4j.experiment;

import io.ebm4j.study.Config;
import java.util.List;
import java.util.Set;

/**
 * Settings of the flow-MCMC sampling study: a fixed mixture target with exact mode weights 0.1 / 0.2 / 0.3 / 0.4, all
 * chains started in the lightest mode, and samplers compared at one budget of target evaluations per chain (the
 * flow's training draws count too).
 *
 * @param target "square" (2-D, modes of standard deviation sd at (+-offset, +-offset)) or "blocks" (d-dimensional,
 *     unit covariance, means +-offset on each half-block of the coordinates)
 * @param dim dimension of the "blocks" target (even; ignored for "square")
 * @param offset coordinate of the means (half the side of the square, or the entries of the half-blocks)
 * @param sd standard deviation of the modes of the "square" target
 * @param chains number of chains
 * @param budget target evaluations per chain (sampling moves plus the flow's reverse-KL draws)
 * @param samplers among mala, neutra, imh, imh-reverse, global-local
 * @param flowBlocks coupling blocks of the Real NVP flow
 * @param hidden hidden widths of each coupling network
 * @param flowLearningRate Adam learning rate of the flow
 * @param reverseBatch base draws per reverse-KL term (each costs one target evaluation)
 * @param reverseWeight lambda of the adaptive objective (1 - lambda) forward KL on the chains + lambda reverse KL
 * @param beta0 inverse temperature at which the adaptive flow's reverse term starts (rising linearly to 1)
 * @param annealFraction fraction of the adaptation steps over which beta rises to 1
 * @param adaptFraction fraction of the budget during which the flow is trained and step sizes adapted (then frozen;
 *     mode shares are counted after it)
 * @param targetAcceptance acceptance aimed at by the step-size adaptation of MALA and NeuTra
 * @param stepSize initial step size of MALA and NeuTra
 * @param logEvery history row every this many steps
 * @param adaptLocal whether the imh arm's chains also take one MALA move after each flow move while the flow adapts
 *     (the global-local scheme, each move one target evaluation), so that the forward-KL term sees the whole of
 *     every mode and not only where q already proposes; after adaptation that arm runs independent
 *     Metropolis-Hastings alone
 */
public record FlowMcmcSamplingConfig(String target, int dim, double offset, double sd, int chains, int budget,
    List<String> samplers, int flowBlocks, List<Integer> hidden, double flowLearningRate, int reverseBatch,
    double reverseWeight, double beta0, double annealFraction, double adaptFraction, double targetAcceptance,
    double stepSize, int logEvery, boolean adaptLocal)
    implements Config<FlowMcmcSamplingConfig> {

  /** Sampler names understood by the study. */
  public static final Set<String> SAMPLERS = Set.of("mala", "neutra", "imh", "imh-reverse", "global-local");

  public FlowMcmcSamplingConfig {
    if (!"square".equals(target) && !"blocks".equals(target)) {
      throw new IllegalArgumentException("target must be square or blocks, got '" + target + "'");
    }
    if (dim < 2 || dim % 2 != 0) {
      throw new IllegalArgumentException("dim must be even and at least 2, got " + dim);
    }
    requirePositive("offset", offset);
    requirePositive("sd", sd);
    requirePositive("flowLearningRate", flowLearningRate);
    requirePositive("stepSize", stepSize);
    if (chains < 2) {
      throw new IllegalArgumentException("chains must be at least 2, got " + chains);
    }
    if (budget < 10) {
      throw new IllegalArgumentException("budget must be at least 10 evaluations per chain, got " + budget);
    }
    if (samplers == null || samplers.isEmpty()) {
      throw new IllegalArgumentException("samplers must not be empty");
    }
    for (String s : samplers) {
      if (!SAMPLERS.contains(s)) {
        throw new IllegalArgumentException("unknown sampler '" + s + "'; known: " + String.join(", ",
            new java.util.TreeSet<>(SAMPLERS)));
      }
    }
    if (flowBlocks < 1) {
      throw new IllegalArgumentException("flowBlocks must be at least 1, got " + flowBlocks);
    }
    if (hidden == null || hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
      throw new IllegalArgumentException("hidden must be non-empty positive widths, got " + hidden);
    }
    if (reverseBatch < 1) {
      throw new IllegalArgumentException("reverseBatch must be at least 1, got " + reverseBatch);
    }
    if (!(reverseWeight >= 0 && reverseWeight <= 1)) {
      throw new IllegalArgumentException("reverseWeight must be in [0, 1], got " + reverseWeight);
    }
    if (!(beta0 > 0 && beta0 <= 1)) {
      throw new IllegalArgumentException("beta0 must be in (0, 1], got " + beta0);
    }
    if (!(annealFraction >= 0 && annealFraction <= 1)) {
      throw new IllegalArgumentException("annealFraction must be in [0, 1], got " + annealFraction);
    }
    if (!(adaptFraction > 0 && adaptFraction < 1)) {
      throw new IllegalArgumentException("adaptFraction must be in (0, 1), got " + adaptFraction);
    }
    if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
      throw new IllegalArgumentException("targetAcceptance must be in (0, 1), got " + targetAcceptance);
    }
    if (logEvery < 1) {
      throw new IllegalArgumentException("logEvery must be at least 1, got " + logEvery);
    }
    samplers = List.copyOf(samplers);
    hidden = List.copyOf(hidden);
  }

  private static void requirePositive(String name, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
    }
  }

  /**
   * The 2-D square target at (+-3, +-3) with sd 0.5, 256 chains, 4000 evaluations per chain, all five samplers, a
   * flow of 4 blocks of width 32.
   */
  public static FlowMcmcSamplingConfig defaults() {
    return new FlowMcmcSamplingConfig("square", 8, 3, 0.5, 256, 4000,
        List.of("mala", "neutra", "imh", "imh-reverse", "global-local"), 4, List.of(32, 32), 2e-3, 64, 0.1, 0.05, 0.8,
        0.5, 0.6, 0.05, 50, true);
  }
}
